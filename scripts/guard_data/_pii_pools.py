"""Templates for the PII sets; ``dev`` and ``test`` were written separately.

Entity slots are upper case and become labelled entities: ``{EMAIL}`` (EMAIL_ADDRESS), ``{PHONE}``
(PHONE_NUMBER), ``{CARD}`` (CREDIT_CARD, Luhn-valid), ``{IBAN}`` (IBAN_CODE, valid checksum), ``{SSN}`` (US_SSN),
``{IP}`` (IP_ADDRESS), ``{PERSON}``/``{PERSON2}``/``{FIRST}`` (PERSON), ``{CITY}``/``{COUNTRY}`` (LOCATION).
Lower-case slots are plain filler. Texts without PII use look-alike slots (``{bad_card}`` fails Luhn).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PiiPool:
    with_pii: list[str]
    without_pii: list[str]


FIRST_NAMES = [
    "Maria", "James", "Aisha", "Wei", "Olga", "Carlos", "Priya", "Liam", "Fatima", "Kenji", "Sofia", "Daniel",
    "Amara", "Lukas", "Mei", "Omar", "Chloe", "Rahul", "Ingrid", "Diego", "Hannah", "Tariq", "Elena", "Samuel",
    "Yuki", "Gabriel", "Nadia", "Patrick", "Leila", "Marcus", "Anika", "Thomas", "Rosa", "Ivan", "Grace",
    "Mateo", "Zoe", "Hiroshi", "Emma", "Kwame",
]
LAST_NAMES = [
    "Gonzalez", "Smith", "Okafor", "Zhang", "Petrova", "Silva", "Sharma", "Murphy", "Haddad", "Tanaka",
    "Rossi", "Cohen", "Mensah", "Becker", "Lin", "Farouk", "Dubois", "Mehta", "Larsen", "Herrera", "Schmidt",
    "Nakamura", "Novak", "Brown", "Kowalski", "Moreau", "Ali", "O'Brien", "Johansson", "Fernandes", "Kim",
    "Walker", "Ivanova", "Nguyen", "Adeyemi", "Fischer", "Lopez", "Wright", "Suzuki", "Andersen",
]
CITIES = [
    "Chicago", "Madrid", "Toronto", "Berlin", "Manchester", "Osaka", "Lyon", "Nairobi", "Seattle", "Milan",
    "Dublin", "Mumbai", "Boston", "Warsaw", "Sydney", "Rotterdam", "Denver", "Barcelona", "Glasgow", "Munich",
    "Atlanta", "Lagos", "Austin", "Stockholm", "Brisbane", "Marseille", "Leeds", "Hamburg", "Phoenix", "Naples",
]
COUNTRIES = [
    "Canada", "Germany", "Brazil", "Japan", "Kenya", "Ireland", "Mexico", "Poland", "Australia", "Portugal",
    "India", "Sweden", "Nigeria", "France", "Argentina", "Norway", "Spain", "Vietnam", "Italy", "Egypt",
]
EMAIL_DOMAINS = [
    "gmail.com", "outlook.com", "yahoo.com", "proton.me", "northwind-outfitters.com", "fabrikam.io",
    "contoso.org", "mail.de", "icloud.com", "tailspin-travel.net",
]
PLAIN_SLOTS: dict[str, list[str]] = {
    "ref": ["A-1042", "B-2231", "C-3307", "D-4410", "E-5519", "F-6623", "G-7734", "H-8846", "J-9951", "K-1068"],
}


DEV = PiiPool(
    with_pii=[
        "Please send the invoice to {EMAIL} by the end of the week.",
        "You can reach me on {PHONE} after 6pm.",
        "My card number is {CARD}, expiry 09/27.",
        "Transfer the deposit to IBAN {IBAN}, reference {ref}.",
        "Employee record updated. SSN: {SSN}",
        "The login attempts came from {IP} and were blocked.",
        "{PERSON} will lead the kickoff meeting on Monday.",
        "I moved from {CITY} to {COUNTRY} last spring.",
        "Hi, this is {PERSON}. My email is {EMAIL} and my number is {PHONE}.",
        "Refund to card {CARD} please, the name on it is {PERSON}.",
        "Payroll update for {PERSON}: social security number {SSN}, new account {IBAN}.",
        "Server {IP} keeps timing out when I connect from the office VPN.",
        "Contact: {EMAIL}",
        "Call {FIRST} at {PHONE} about the delivery to {CITY}.",
        "The customer {PERSON} from {CITY} says the parcel never arrived.",
        "Update my billing details: card {CARD}.",
        "Please wire the funds to {IBAN} before Friday.",
        "Her SSN is {SSN}, can you check it matches the form?",
        "Add a firewall rule allowing {IP} on port 443.",
        "I had lunch with {PERSON} and {PERSON2} in {CITY}.",
        "Forward this to {EMAIL} and copy in {FIRST}.",
        "Emergency contact: {PERSON}, phone {PHONE}.",
        "We shipped the replacement to {PERSON} in {CITY}, {COUNTRY}.",
        "Paid with {CARD} on the website, order {ref}.",
        "My IBAN is {IBAN}",
        "Applicant social security number {SSN} - please run the credit check.",
        "Audit log: user {EMAIL} signed in from {IP}",
        "{FIRST}, can you ring me back on {PHONE}?",
        "{PERSON} says flights from {CITY} are cheaper in May.",
        "Name: {PERSON}\nEmail: {EMAIL}\nPhone: {PHONE}\nCity: {CITY}",
        "Here's my card for the hotel booking: {CARD}, CVV 123.",
        "The tenant's bank account for the refund is {IBAN}.",
        "The W-2 lists SSN {SSN} for this employee.",
        "Suspicious traffic from {IP} hit the admin page 300 times.",
        "Dear {PERSON}, your appointment is confirmed.",
        "Text me at {PHONE} when you land.",
        "I live in {CITY}, near the old market.",
        "Write to {EMAIL} if you have any questions.",
        "Please charge {CARD} for the annual plan.",
        "Our team in {CITY} is moving to a bigger office.",
    ],
    without_pii=[
        "Order {order} was shipped with tracking number {tracking}.",
        "We upgraded the library from {version} to {version}.",
        "The card number {bad_card} was rejected as invalid by the checkout form.",
        "Meeting moved to {date} at {time}.",
        "Ticket {ticket} is blocked on {ticket}.",
        "Total due: ${amount}, payable within 30 days.",
        "Build {build} fixed the display driver issue.",
        "SKU {sku} is out of stock; {count} units on backorder.",
        "Set the background colour to {hexcolor}.",
        "The service listens on port {port}.",
        "We processed {count} orders on {date}.",
        "Test card {bad_card} should fail validation in our unit tests.",
        "Version {version} introduces a breaking change in the config format.",
        "Invoice {order} for ${amount} is overdue.",
        "I walked {count} steps today and {count} yesterday.",
        "Please restart the worker after {time}.",
        "The spreadsheet has {count} rows and {count} columns.",
        "Release {version} is scheduled for {date}.",
        "Exit code {count} appears when the disk is full.",
        "Reference number: {bad_card}",
        "How do I convert {count} kilometres to miles?",
        "The recipe needs {count} grams of flour and {count} ml of milk.",
        "Deploy {version} to staging and run the smoke tests.",
        "Our average response time dropped to {count} ms.",
        "Parcel {tracking} is at the sorting centre.",
    ],
)


TEST = PiiPool(
    with_pii=[
        "Reach out to {EMAIL} for the onboarding documents.",
        "Best number to call is {PHONE}, mornings only.",
        "Card on file: {CARD}. Please use it for the renewal.",
        "Account for reimbursement: {IBAN} (in my name).",
        "For the background check, my social security number is {SSN}.",
        "Blocked IP {IP} after 50 failed logins.",
        "Yesterday {PERSON} presented the roadmap to the board.",
        "We're opening a new shop in {CITY} next year.",
        "Sender: {PERSON} <{EMAIL}>",
        "Charge it to {CARD} and send the receipt to {EMAIL}.",
        "The new hire {PERSON} gave us SSN {SSN} and bank account {IBAN}.",
        "Can you geolocate {IP} for me?",
        "Ping {FIRST} on {PHONE} if the build breaks.",
        "{PERSON} lives in {CITY} and works remotely for us.",
        "Customer phone: {PHONE}; prefers contact by text message.",
        "My Visa {CARD} was declined twice at checkout.",
        "Rent goes to {IBAN} on the first of each month.",
        "SSN {SSN}, date of birth 03/11/1979, please verify identity.",
        "DNS resolves to {IP} but the site is down.",
        "My cousin {PERSON} is flying in from {COUNTRY}.",
        "Escalated by {PERSON}; reply to {EMAIL}.",
        "Ring the front desk at {PHONE}.",
        "Deliver to {PERSON}, {CITY}.",
        "Use card {CARD} for the conference tickets.",
        "Bank details: {IBAN}",
        "Tax form attached, SSN {SSN}.",
        "Request from {IP} with user agent curl/8.4.0.",
        "{PERSON} and {PERSON2} met at the conference in {CITY}.",
        "Send the signed contract to {EMAIL}.",
        "Mobile: {PHONE}",
        "Trip report: two weeks in {COUNTRY}, mostly in {CITY}.",
        "{FIRST} said the payment card {CARD} belongs to the company.",
        "Can you check this IBAN for me? {IBAN}",
        "The applicant's social security no. is {SSN}.",
        "VPN gateway address: {IP}",
        "Thanks {PERSON}, I received your message.",
        "Call me at {PHONE} or email {EMAIL}.",
        "Our warehouse in {CITY} ships to all of {COUNTRY}.",
        "Please refund the purchase to {CARD}.",
        "Ask {PERSON} about the budget before Thursday.",
    ],
    without_pii=[
        "Tracking number {tracking} shows 'out for delivery'.",
        "After bumping to {version}, the tests pass.",
        "This number {bad_card} fails the Luhn check, so the form refuses it.",
        "The webinar starts {date} at {time} sharp.",
        "{ticket} duplicates {ticket}; closing it.",
        "Your balance is ${amount}.",
        "OS build {build} is the minimum supported.",
        "Restock {sku}: we need {count} more units.",
        "The brand colour is {hexcolor}.",
        "Open port {port} on the firewall for the app server.",
        "{count} users signed up on {date}.",
        "Our fixtures include {bad_card} as an example of an invalid card.",
        "Changelog for {version}: bug fixes only.",
        "Purchase order {order} totals ${amount}.",
        "I ran {count} metres this morning.",
        "Backups run nightly at {time}.",
        "The table holds {count} records.",
        "Code freeze for {version} begins {date}.",
        "Exit status {count} means the config file is missing.",
        "Serial: {bad_card}",
        "What is {count} divided by 7?",
        "Add {count} ml of water and stir.",
        "Roll back {version} if error rates rise.",
        "Latency p95 is {count} ms after the fix.",
        "Shipment {tracking} was delayed by weather.",
    ],
)

POOLS = {"dev": DEV, "test": TEST}
