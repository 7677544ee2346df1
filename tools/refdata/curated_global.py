"""Curated: US/European tech and platform names with multilingual aliases and brands; they override
the rows ``build_indices.py`` generates for the same listings -> ``streams/linking/data/40-global.jsonl``.

No news agency is a linkable name here: Thomson Reuters has no "Reuters" alias or brand.
"""

from __future__ import annotations

from curated_lib import COMM, DISC, IND, IT, C, nasdaq, nyse, y

OUT = "40-global.jsonl"

RECORDS = [
    C("apple", "Apple", "US", IT, "Technology Hardware", [nasdaq("AAPL", "US0378331005")],
      star=["Apple Inc"], zh=["苹果", "蘋果", "苹果公司", "蘋果公司"], ja=["アップル"], ko=["애플"],
      brands=["iPhone", "iPad", "Mac", "App Store", "Apple Watch", "CarPlay", "Apple Pay", "Vision Pro"],
      amb=["Apple", "苹果", "蘋果", "Mac"]),
    C("microsoft", "Microsoft", "US", IT, "Software", [nasdaq("MSFT", "US5949181045")],
      zh=["微软", "微軟"], ja=["マイクロソフト", "米マイクロソフト"], ko=["마이크로소프트", "MS"],
      brands=["Azure", "Windows", "Xbox", "LinkedIn", "GitHub", "Copilot", "Office 365", "Bing"],
      amb=["Windows", "Copilot", "MS", "Azure"]),
    C("alphabet", "Alphabet", "US", COMM, "Interactive Media",
      [nasdaq("GOOGL", "US02079K3059"), nasdaq("GOOG", "US02079K1079")],
      star=["Google"], zh=["谷歌", "字母表公司", "Alphabet公司"], ja=["グーグル", "アルファベット"], ko=["구글", "알파벳"],
      brands=["Waymo", "YouTube", "Android", "DeepMind", "Google DeepMind", "Gemini", "Google Cloud", "Chrome",
              "Fitbit", "Verily", "Wing", "慧摩", "ウェイモ", "웨이모", "优兔"],
      amb=["Alphabet", "アルファベット", "알파벳", "Gemini", "Chrome", "Wing", "Android"]),
    C("amazon", "Amazon.com", "US", DISC, "Internet Retail", [nasdaq("AMZN", "US0231351067")],
      star=["Amazon"], zh=["亚马逊", "亞馬遜"], ja=["アマゾン", "アマゾン・ドット・コム"], ko=["아마존"],
      brands=["AWS", "Amazon Web Services", "Zoox", "Whole Foods", "Kuiper", "Project Kuiper", "Alexa", "Prime Video",
              "Twitch", "Ring"],
      amb=["Amazon", "亚马逊", "亞馬遜", "アマゾン", "아마존", "Alexa", "Ring", "Kuiper"]),
    C("meta-platforms", "Meta Platforms", "US", COMM, "Interactive Media", [nasdaq("META", "US30303M1027")],
      star=["Meta", "Facebook"], zh=["Meta公司", "脸书", "臉書", "元宇宙平台"], ja=["メタ", "メタ・プラットフォームズ"],
      ko=["메타", "메타플랫폼스"], brands=["Instagram", "WhatsApp", "Messenger", "Threads", "Oculus", "Llama", "Ray-Ban Meta"],
      amb=["Meta", "メタ", "메타", "Threads", "Llama", "Messenger"]),
    C("intel", "Intel", "US", IT, "Semiconductors", [nasdaq("INTC", "US4581401001")], zh=["英特尔", "英特爾"],
      ja=["インテル"], ko=["인텔"], brands=["Intel Foundry", "Altera"], amb=["Intel"]),
    C("amd", "Advanced Micro Devices", "US", IT, "Semiconductors", [nasdaq("AMD", "US0079031078")], star=["AMD"],
      zh=["超威半导体", "超微半導體", "超威"], ja=["AMD"], ko=["AMD"], brands=["Xilinx", "Radeon", "Ryzen"]),
    C("micron-technology", "Micron Technology", "US", IT, "Semiconductors", [nasdaq("MU", "US5951121038")], star=["Micron"],
      zh=["美光", "美光科技"], ja=["マイクロン・テクノロジー", "マイクロン"], ko=["마이크론"], amb=["Micron"]),
    C("broadcom", "Broadcom", "US", IT, "Semiconductors", [nasdaq("AVGO", "US11135F1012")], zh=["博通"], ja=["ブロードコム"],
      ko=["브로드컴"], brands=["VMware"]),
    C("uber", "Uber Technologies", "US", IND, "Ride Hailing", [nyse("UBER", "US90353T1007")], star=["Uber"],
      zh=["优步", "優步"], ja=["ウーバー", "ウーバーテクノロジーズ"], ko=["우버"], brands=["Uber Eats", "Postmates"]),
    C("lyft", "Lyft", "US", IND, "Ride Hailing", [nasdaq("LYFT", "US55087P1049")], zh=["来福车"], ja=["リフト"], ko=["리프트"],
      amb=["Lyft"]),
    C("netflix", "Netflix", "US", COMM, "Video Streaming", [nasdaq("NFLX", "US64110L1061")], zh=["奈飞", "網飛", "網飛公司"],
      ja=["ネットフリックス"], ko=["넷플릭스"]),
    C("oracle", "Oracle", "US", IT, "Software", [nyse("ORCL", "US68389X1054")], zh=["甲骨文"], ja=["オラクル"], ko=["오라클"],
      amb=["Oracle", "甲骨文", "オラクル", "오라클"]),
    C("salesforce", "Salesforce", "US", IT, "Software", [nyse("CRM", "US79466L3024")], zh=["赛富时"], ja=["セールスフォース"],
      ko=["세일즈포스"], brands=["Slack", "Tableau"], amb=["Slack", "Tableau"]),
    C("ibm", "IBM", "US", IT, "IT Services", [nyse("IBM", "US4592001014")], star=["International Business Machines"],
      zh=["国际商业机器", "國際商業機器"], ja=["IBM"], ko=["IBM"], brands=["Red Hat"]),
    C("cisco", "Cisco Systems", "US", IT, "Communications Equipment", [nasdaq("CSCO", "US17275R1023")], star=["Cisco"],
      zh=["思科"], ja=["シスコシステムズ", "シスコ"], ko=["시스코"]),
    C("asml", "ASML Holding", "NL", IT, "Semiconductor Equipment", [y("ASML.AS", "NL0010273215"), nasdaq("ASML")],
      star=["ASML"], zh=["阿斯麦", "艾司摩尔", "艾司摩爾"], ja=["ASML"], ko=["ASML"]),
    C("sap", "SAP", "DE", IT, "Software", [y("SAP.DE", "DE0007164600"), nyse("SAP")], zh=["思爱普", "SAP公司"], ja=["SAP"], ko=["SAP"]),
    C("siemens", "Siemens", "DE", IND, "Industrial Conglomerates", [y("SIE.DE", "DE0007236101")], zh=["西门子", "西門子"],
      ja=["シーメンス"], ko=["지멘스"], brands=["Siemens Mobility", "Siemens Digital Industries"]),
    C("thomson-reuters", "Thomson Reuters", "CA", IND, "Research & Consulting Services",
      [nyse("TRI"), y("TRI.TO")], zh=["汤森路透", "湯森路透"], ja=["トムソン・ロイター"], ko=["톰슨로이터"],
      brands=["Westlaw"]),
    C("grab", "Grab Holdings", "SG", IND, "Ride Hailing", [nasdaq("GRAB")], star=["Grab"], zh=["Grab"], amb=["Grab"]),
    C("arm-holdings", "Arm Holdings", "GB", IT, "Semiconductors", [nasdaq("ARM")], star=["Arm"],
      zh=["安谋", "安謀"], ja=["アーム"], ko=["ARM", "암"], amb=["Arm", "アーム", "암"]),
    C("volvo", "AB Volvo", "SE", IND, "Trucks", [y("VOLV-B.ST")], star=["Volvo Group", "Volvo"],
      zh=["沃尔沃集团", "沃爾沃集團"], ja=["ボルボ・グループ"], ko=["볼보그룹"], brands=["Mack Trucks", "Renault Trucks"],
      amb=["Volvo"]),
]
