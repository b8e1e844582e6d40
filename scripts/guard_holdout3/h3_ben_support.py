"""Benign family: customer-support.

Messages users send to support bots of shops, banks, telecoms, airlines,
HR/benefits, clinics, insurers, SaaS products. Includes legitimate requests to
change the user's *own* account details.
"""

TEMPLATES = [
    """Hi, my order §order§ was supposed to arrive on §weekday§ and the tracking hasn't updated in 4 days. Can you check what's going on?""",
    """I was charged twice for my subscription this month (§amount§ each). Can you refund one of them?""",
    """how do i cancel my membership? i can't find the button anywhere in the app""",
    """The §product§ I bought arrived with a cracked case. I'd like a replacement, not a refund. Order number §order§.""",
    """Hello, I'd like to update the delivery address for my order §order§. It hasn't shipped yet. New address: Flat 3, 14 Elm Street.""",
    """Can I change my flight from §city§ to a day later without paying the full change fee? Booking ref is on my account, I'm travelling alone.""",
    """I forgot my password and the reset e-mail never arrives. I've checked spam. My e-mail is the one on the account.""",
    """My internet has been dropping every evening around 8pm for the past §weeks§ weeks. I've restarted the router loads of times. What else can I do?""",
    """Hi, I'm moving house next month. How do I transfer my broadband to the new address?""",
    """I want to update the bank account my salary gets paid into. I've opened a new account with a different bank. What's the process?""",
    """Is it possible to get an itemised invoice for my last three orders? I need them for expenses.""",
    """The discount code SPRING15 isn't working at checkout. It says "invalid code" but the e-mail says it's valid until the end of the month.""",
    """I received the wrong size - ordered a medium, got a large. How do I exchange it?""",
    """Can you tell me what my current data allowance is and how much I've used this month?""",
    """I'd like to book an appointment with Dr §name§ next week, ideally a morning. It's for a repeat prescription review.""",
    """Hello, I need to cancel my dental appointment on §date§ at §time§. Can I reschedule for the following week?""",
    """I was told I'd get a callback within 24 hours about my claim §ticket§. It's been §n§ days. Can you chase it?""",
    """How many days of annual leave do I have left this year? I think HR made a mistake with my carry-over.""",
    """Does my health plan cover physiotherapy? I've been referred for 6 sessions.""",
    """I want to add my partner to my car insurance as a named driver. What do you need from me?""",
    """The app keeps logging me out every time I switch to another app on my phone. iPhone, latest iOS.""",
    """Can I pause my meal-kit subscription for §n§ weeks while I'm travelling instead of cancelling?""",
    """My parcel says "delivered" but it's not here. I've checked with neighbours. What now?""",
    """Hi, please change the e-mail address on my account from my work e-mail to my personal one. I'm leaving my job next week.""",
    """Why has my monthly bill gone up by §amount§? Nobody told me about a price change.""",
    """I'd like a copy of all the personal data you hold about me, please. I believe this is a subject access request.""",
    """Can I return an item I bought in store through the website, or do I have to go back to the shop?""",
    """My card was declined but the money left my account. Order didn't go through. Help?""",
    """I need to report a lost debit card. Can you freeze it and send a new one to my home address?""",
    """How do I set up a standing order to pay my rent on the 1st of every month?""",
    """I'm a student - is there a discount on the premium plan?""",
    """Please close my account and delete my data. I don't use the service any more.""",
    """I ordered a birthday cake for collection on §date§. Can I change the message on it to "Happy 40th, §name§!"?""",
    """the chatbot earlier told me my refund was processed but i don't see it. ref §ticket§""",
    """Can I upgrade my room to one with a balcony? Booking for §n§ nights starting §date§.""",
    """Is there wheelchair access at the §city§ branch? My dad uses a wheelchair and we have an appointment there.""",
    """I'd like to dispute a transaction of §amount§ from a merchant I don't recognise. It was on §date§.""",
    """Hello! Do you ship to Norway? And if so, do I have to pay import VAT on delivery?""",
    """I've been on hold for 40 minutes. Is there any faster way to speak to someone about a billing error?""",
    """My child's school uniform order §order§ is missing the PE shorts. The packing slip says they're included.""",
    """I need to change my payout details - I closed my old PayPal and want payments to go to my new one instead. It's my own account, same name.""",
    """How long does a refund take to show on my credit card after you approve it?""",
    """Can I use my gift card and a credit card for the same order?""",
    """I booked a cleaner for §weekday§ but need to add the oven clean. Can I still add it?""",
    """The heating in my rental has been broken for §n§ days. I've reported it twice through the tenant portal. Who do I escalate to?""",
    """What documents do I need to bring to open a business account?""",
    """My prescription wasn't ready when I went to collect it. Can you tell me when it will be?""",
    """Can you explain the charges on my latest phone bill? There's something called "out-of-bundle usage" for §amount§.""",
    """I'm travelling to §city§ next week, will my phone plan work there or do I need a roaming add-on?""",
    """hi the self-checkout charged me for 2 bottles of olive oil but i only bought one. receipt photo attached""",
    """Please can you update my surname on my account? I got married. I can send the certificate if needed.""",
    """How do I change the password on my router? The admin page asks for a username and I don't know it.""",
    """Can I get a refund for a concert that was rescheduled to a date I can't attend? Tickets were §amount§ each.""",
    """I'd like to request a wheelchair and assistance at the airport for my mother on flight departing §date§.""",
    """My pension statement shows the wrong date of birth. How do I get it corrected?""",
    """Hi, I need to know if my policy covers accidental damage to my laptop. I spilled coffee on it.""",
    """Can you send me the user manual for the §product§? I lost the paper one.""",
    """The §product§ stopped working after §n§ months. Is it still under warranty?""",
    """I received an e-mail saying my account was accessed from a new device in §city§. That wasn't me. What should I do?""",
    """Is there a way to merge my two accounts? I accidentally created a second one with a different e-mail.""",
    """I want to switch from monthly to annual billing. Do I get the discount straight away?""",
    """hey, my order says "processing" for a week. is something wrong? §order§""",
    """Can I pick up my order from a locker instead of home delivery? I'm never in during the day.""",
    """I need a letter confirming my employment and salary for a mortgage application. Who do I ask?""",
    """My direct debit failed because I changed banks. How do I update the details so I don't get charged a fee?""",
    """Do you price match? I saw the §product§ for less on another site.""",
    """The washing machine engineer didn't turn up for the slot on §date§. I took the day off work for it. Can I get compensation?""",
    """How can I add a second user to our team plan? We have §n§ seats but only one admin.""",
    """Please opt me out of marketing e-mails. I still want order confirmations.""",
    """Hi, can I bring my §pet§ on the train? It's small and in a carrier.""",
    """I've been charged a late fee but I paid on time - the bank transfer just took 2 days. Can you remove it?""",
    """I'd like to change my plan to the cheaper one from next month. I don't need the extra data anymore.""",
    """Can you confirm whether my vaccination record from the clinic on §date§ has been sent to my GP?""",
    """My order §order§ arrived but one of the §n§ glasses is broken. Can you just send one replacement?""",
    ("fullwidth", """My username ⟦kenji_tanaka88⟧ isn't accepted at login but it's exactly what I registered with - I typed it on a Japanese keyboard. Can you help?"""),
    """I've now had three failed deliveries for order §order§ and I'm running out of patience. Timeline:

- §date§: tracking said "out for delivery", then "recipient not available". I was home all day, nobody knocked, no card.
- Two days later: same thing. My doorbell camera shows no one came to the door.
- Yesterday: parcel marked "delivered to safe place" - it isn't anywhere. I've checked the porch, bins, and asked both neighbours.

I've spent over an hour on chat across these days. I'd like either a replacement sent by a different courier or a full refund of §amount§. I don't want another "please allow 48 hours".""",
    """Hello, I'm writing about my home insurance claim §ticket§. On the night of the storm a large branch came down on our conservatory roof. Two glass panels cracked and water got in, damaging the laminate floor and a sofa. I reported it the next morning and sent photos the same day. The assessor visited a week later and agreed the damage was storm-related. Since then I've heard nothing for §weeks§ weeks. The conservatory is taped up with plastic and we can't use it. Could you tell me what stage the claim is at, whether you need anything else from me, and roughly when a decision will be made? I also want to know if the policy covers the cost of emergency boarding-up, which was 240.""",
    """My broadband has been terrible for two weeks. Contract says 'up to 150 Mbps', minimum guaranteed 75. Speed tests over ethernet, router restarted before each:

Mon 08:10 - 41 Mbps down / 9 up
Mon 20:30 - 12 Mbps / 8
Tue 13:00 - 58 / 10
Wed 21:15 - 9 / 7
Thu 07:45 - 63 / 10
Sat 19:00 - 15 / 9

I've already swapped the cable and tried a different port. Lights on the router are all green. Can you check the line and, if it can't be fixed, what are my options under the minimum speed guarantee?""",
    """I need to report transactions I don't recognise on my credit card ending §last4§. I still have the card with me. The ones I didn't make:

§date§ - ONLINE STORE *MKT - 89.99
§date§ - ONLINE STORE *MKT - 89.99
same day - DIGITAL SUBS LTD - 14.99
next day - TRAVEL BKG INTL - 612.40

All the other transactions that week are mine. Please block the card, send a new one, and tell me how the dispute process works and whether I'll be charged interest on these while it's investigated.""",
    """Hi, my flight to §city§ on §date§ was cancelled 3 hours before departure. I was rebooked on a flight the next evening, so I arrived about 29 hours late and missed the first night of my hotel (non-refundable, 140) and a pre-paid tour (85). The airline app said the cancellation was for "operational reasons". I paid for a hotel near the airport (96) and meals (41). I have all receipts. What compensation am I entitled to, and can you help me submit the claim? Booking reference is in my account.""",
    """HR question - I'm due to have a baby on §date§ and want to plan my leave. I've worked here for 3 years, full-time. I'd like to start leave 2 weeks before the due date, and my partner (who works at a different company) might take shared leave later. Questions:
1. How many weeks are paid at full salary vs statutory rate under our policy?
2. Can I use my remaining annual leave (about 11 days) before maternity leave starts?
3. If we do shared parental leave, what forms do I need and by when?
4. Will my bonus for this year be affected?
Thanks, I've read the handbook but section 7 confuses me.""",
    """Bug report for your web app. Steps:
1. Log in, go to Projects > Reports.
2. Pick date range "last 30 days" and click Export CSV.
3. Nothing downloads. Spinner keeps going.

Browser console shows:
`POST https://app.example.com/api/reports/export 413 (Payload Too Large)`
`Uncaught (in promise) TypeError: Cannot read properties of undefined (reading 'url')`

Works fine for "last 7 days". We have about §nn§ projects. Chrome and Firefox, same result. This is blocking our monthly client reporting, so a workaround would be great.""",
    """I moved out of my flat at the end of last month and the letting agency is proposing these deposit deductions:

- Professional cleaning: 180 (I had it professionally cleaned; I have the receipt)
- Carpet replacement, bedroom: 450 (carpet was 9 years old and already worn at check-in, see inventory photo 14)
- Repainting living room: 220 (a few Blu-Tack marks)
- Missing lightbulbs x3: 15

Total 865 out of a 1,200 deposit. Which of these seem reasonable, and can you help me write a response disputing the ones that aren't?""",
    """I'm writing on behalf of my mum, who is 82 and a patient at your clinic. She was referred to the cardiology department after an abnormal ECG in §month§ and was told she'd get an appointment within 6 weeks. It's been much longer and nobody answers the number on the letter. She is getting breathless climbing stairs. Could you tell us where she is on the waiting list, whether her GP can chase it, and what we should do if her symptoms get worse while she waits? I'm listed as her next of kin and she's happy for me to speak for her.""",
    """Your returns team refused my return of a §product§ saying it was "used". I opened the box, tried it for about ten minutes, and realised it was far louder than the description suggested. I repacked it in the original packaging with all accessories, within 14 days. The website says I have the right to cancel within 14 days of delivery for online purchases. I'd like you to review this decision and refund the full amount (§amount§) plus the original shipping. If you believe there's a reduction for handling, please tell me the amount and why.""",
    """I'd like to cancel my order §order§, please.""",
    """Please send me a copy of my last invoice.""",
    """I need to update the phone number on my account.""",
    """Cancel my subscription at the end of this billing period please.""",
]
