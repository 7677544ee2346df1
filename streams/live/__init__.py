"""The live alert page: an alert feed fanned out to Server-Sent Events, and the page's files."""
