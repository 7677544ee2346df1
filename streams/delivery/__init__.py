"""Delivery of alerts to subscribers: Kafka topics and signed webhooks with durable retries."""
