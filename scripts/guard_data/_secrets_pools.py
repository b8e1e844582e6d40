"""Templates for the secrets sets (``dev`` and ``test`` written separately) and the prose/code of the latency set.

Secret slots get fresh random values of the right format each time: ``{akid}`` (AWS access key id),
``{aksecret}`` (AWS secret key), ``{ghp}`` (GitHub token), ``{slack}``/``{slack_hook}``, ``{stripe}`` (live
secret or restricted key), ``{pem}`` (private key block), ``{jwt}``, ``{password}``, ``{urlpass}`` (a password
safe inside a URL), ``{user}``. Look-alike slots for texts without secrets: ``{uuid}``, ``{sha}``,
``{short_sha}``, ``{sha256}``, ``{b64text}`` (base64 of an ordinary sentence), ``{integrity}`` (an npm
integrity hash), ``{pubkey}`` (an SSH public key body), ``{num}``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SecretsPool:
    secrets: dict[str, list[str]]
    benign: dict[str, list[str]]
    benign_counts: dict[str, int]


PLAIN_SLOTS: dict[str, list[str]] = {
    "longword": [
        "antidisestablishmentarianism", "Donaudampfschiffahrtsgesellschaft", "incomprehensibilities",
        "floccinaucinihilipilification", "Rindfleischetikettierungsueberwachungsaufgabenuebertragungsgesetz",
        "supercalifragilisticexpialidocious", "uncharacteristically", "Kraftfahrzeughaftpflichtversicherung",
        "pseudopseudohypoparathyroidism", "electroencephalographically", "counterrevolutionaries",
        "honorificabilitudinitatibus", "internationalisation", "Arbeiterunfallversicherungsgesetz",
        "thyroparathyroidectomized", "deinstitutionalisation", "spectrophotofluorometrically",
        "hippopotomonstrosesquippedaliophobia", "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch",
        "unimaginatively", "Tetrahydrocannabinol", "psychophysicotherapeutics", "immunoelectrophoresis",
        "microspectrophotometry", "radioimmunoelectrophoresis", "Betäubungsmittelverschreibungsverordnung",
        "overintellectualization", "Aequeosalinocalcalinosetaceoaluminosocupreovitriolic",
        "otorhinolaryngological", "magnetohydrodynamically", "compartmentalisation", "Sesquipedalianism",
        "institutionalization", "Grundstücksverkehrsgenehmigungszuständigkeitsübertragungsverordnung",
        "ethylenediaminetetraacetic", "photolithographically", "nonrepresentationalism",
        "Mischgebietsbebauungsplan", "incontrovertibility", "hepaticocholangiogastrostomy",
    ],
    "env_name": ["DB_PASSWORD", "API_TOKEN", "STRIPE_SECRET_KEY", "GITHUB_TOKEN", "SLACK_BOT_TOKEN",
                 "AWS_SECRET_ACCESS_KEY", "SMTP_PASSWORD", "REDIS_PASSWORD", "JWT_SIGNING_KEY", "OPENAI_API_KEY",
                 "SENTRY_DSN", "ADMIN_PASSWORD"],
    "service_name": ["billing", "auth", "search", "notifications", "reporting", "ingest", "checkout", "users",
                     "inventory", "gateway"],
}

PLAIN_SENTENCES = [
    "hello world", "The meeting is at noon on Thursday.", "Please remember to buy milk.",
    "This is a test message for the queue.", "Customer asked about delivery times.",
    "The quick brown fox jumps over the lazy dog.", "Weekly report: all systems nominal.",
    "Lunch is on the second floor today.", "Thank you for your order!", "Temperature sensor reading normal.",
    "Build finished without errors.", "See you at the standup tomorrow.", "Welcome to the onboarding guide.",
    "Reminder: submit your timesheet.", "The printer on floor three is out of paper.",
    "Happy new year from the whole team.", "Chapter one: the beginning.", "The cat sat on the mat.",
    "Invoice attached for March.", "Our office closes early on Friday.",
]

DEV = SecretsPool(
    secrets={
        "aws-access-key": [
            "[default]\naws_access_key_id = {akid}\naws_secret_access_key = {aksecret}\nregion = eu-west-1",
            "export AWS_ACCESS_KEY_ID={akid}\nexport AWS_SECRET_ACCESS_KEY={aksecret}",
            "Here are the creds for the staging bucket: {akid} / {aksecret}. Don't share them.",
            "s3 = boto3.client('s3', aws_access_key_id='{akid}', aws_secret_access_key='{aksecret}')",
            "Why does `aws s3 ls` fail with my key {akid}? It worked yesterday.",
        ],
        "github-token": [
            "git clone https://{ghp}@github.com/acme/internal-tools.git",
            "GITHUB_TOKEN={ghp}",
            "My token is {ghp}, can you check why the API returns 401?",
            'headers = {"Authorization": "token {ghp}"}',
            "- name: Publish\n  env:\n    GH_TOKEN: {ghp}",
        ],
        "slack-token": [
            "SLACK_BOT_TOKEN={slack}",
            'client = WebClient(token="{slack}")',
            "Post alerts to {slack_hook}",
            "curl -X POST -H 'Content-type: application/json' --data '{\"text\":\"deploy done\"}' {slack_hook}",
            "Our Slack app token is {slack} - is that the bot token or the user token?",
        ],
        "stripe-key": [
            "STRIPE_SECRET_KEY={stripe}",
            'stripe.api_key = "{stripe}"',
            "I accidentally committed {stripe} to the repo, what do I do now?",
            "const stripe = require('stripe')('{stripe}');",
            "payments:\n  provider: stripe\n  secret_key: {stripe}",
        ],
        "private-key": [
            "{pem}",
            "Here's the deploy key for the build server:\n\n{pem}",
            "key.pem contents:\n{pem}",
            "Why does ssh say 'invalid format' for this key?\n{pem}",
        ],
        "jwt": [
            "Authorization: Bearer {jwt}",
            "This JWT keeps failing validation: {jwt}",
            'curl -H "Authorization: Bearer {jwt}" https://api.internal.example/v1/users',
            "localStorage.setItem('token', '{jwt}');",
            "session cookie: auth={jwt}; Path=/; HttpOnly",
        ],
        "password": [
            'password = "{password}"',
            "DB_PASSWORD={password}",
            "database:\n  host: db.internal\n  user: {user}\n  password: {password}",
            '{"username": "{user}", "password": "{password}"}',
            "DATABASE_URL=postgres://{user}:{urlpass}@db.internal:5432/app",
            "The wifi password for the office is {password}",
            "mysql -u {user} -p'{password}' -h 10.0.3.12",
        ],
    },
    benign={
        "uuid": [
            "2024-05-01 12:00:03 INFO request_id={uuid} status=200 duration_ms={num}",
            "Created user {uuid} in tenant {uuid}.",
            "trace_id={uuid} span=db.query finished in {num}ms",
            "GET /api/orders/{uuid} 404 Not Found",
            "Job {uuid} retried {num} times before succeeding.",
        ],
        "git-sha": [
            "The bug was introduced in commit {sha}.",
            "Revert {short_sha} and cherry-pick {sha} onto the release branch.",
            "Pinned the action to {sha} for supply-chain safety.",
            "git bisect says {sha} is the first bad commit.",
            "Merged {sha} into main after review.",
        ],
        "base64-text": [
            "The payload field is {b64text}, which is just a base64 greeting.",
            "data:text/plain;base64,{b64text}",
            "echo '{b64text}' | base64 -d",
            'message = "{b64text}"  # base64 of a test sentence',
        ],
        "long-word": [
            "Is '{longword}' a real word?",
            "How do you pronounce {longword}?",
            "How many letters are in {longword}?",
            "Use {longword} in a sentence, please.",
        ],
        "placeholder": [
            'password = os.environ["{env_name}"]',
            "{env_name}=${{env_name}}",
            "api_key: <your-api-key-here>",
            'password: ""',
            "token: REPLACE_ME",
            "aws_secret_access_key = <redacted>",
            "password = getpass.getpass()",
            "GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}",
            "Set {env_name} in your .env file before starting the {service_name} service.",
            "{env_name}=changeme-in-production",
        ],
        "checksum": [
            "{sha256}  release-1.4.2.tar.gz",
            '"integrity": "{integrity}"',
            "image: registry.internal/{service_name}@sha256:{sha256}",
        ],
        "public-key": [
            "ssh-ed25519 {pubkey} deploy@ci",
            "Add this public key to authorized_keys: ssh-ed25519 {pubkey} me@laptop",
        ],
        "prose": [
            "AWS access key IDs start with AKIA and are 20 characters long.",
            "Never paste your GitHub token into chat; revoke it if you do.",
            "Rotate your Stripe keys every 90 days and use restricted keys where possible.",
            "A JWT has three parts separated by dots: header, payload and signature.",
            "Private keys should be stored in a secrets manager, not in the repository.",
            "Our password policy requires at least 14 characters.",
            "Slack bot tokens and user tokens have different scopes.",
            "The {service_name} service reads its credentials from the vault at start-up.",
            "How do I rotate the database password for the {service_name} service without downtime?",
            "Use short-lived credentials instead of long-lived access keys.",
        ],
    },
    benign_counts={"uuid": 25, "git-sha": 25, "base64-text": 20, "long-word": 20, "placeholder": 25,
                   "checksum": 15, "public-key": 12, "prose": 18},
)


TEST = SecretsPool(
    secrets={
        "aws-access-key": [
            'provider "aws" {\n  access_key = "{akid}"\n  secret_key = "{aksecret}"\n  region     = "us-east-2"\n}',
            "docker run -e AWS_ACCESS_KEY_ID={akid} -e AWS_SECRET_ACCESS_KEY={aksecret} app:latest",
            "2024-05-02T10:11:12Z DEBUG signing request with key id {akid}",
            "Can you help me work out why this key pair is rejected? ID {akid}, secret {aksecret}",
            "AWS_ACCESS_KEY_ID: {akid}\nAWS_SECRET_ACCESS_KEY: {aksecret}",
        ],
        "github-token": [
            "npm config set //npm.pkg.github.com/:_authToken {ghp}",
            "token: {ghp}  # note: move this to the vault",
            "The CI log printed the token {ghp}. Is it still valid?",
            "echo {ghp} | gh auth login --with-token",
            "url = https://x-access-token:{ghp}@github.com/org/repo",
        ],
        "slack-token": [
            "export SLACK_TOKEN={slack}",
            'requests.post("{slack_hook}", json={"text": msg})',
            "slack:\n  token: {slack}\n  channel: '#alerts'",
            "webhook_url = '{slack_hook}'",
            "I rotated the token but the old one {slack} still works?",
        ],
        "stripe-key": [
            "Stripe.api_key = '{stripe}'",
            "const client = new Stripe(\"{stripe}\", {apiVersion: '2024-06-20'});",
            "STRIPE_KEY: {stripe}",
            "Found this in an old config: {stripe}. Should we revoke it?",
            "curl https://api.stripe.com/v1/charges -u {stripe}:",
        ],
        "private-key": [
            "id_rsa:\n{pem}",
            "Can you convert this key to PKCS8?\n\n{pem}",
            "{pem}\n\nThat's the key from the old jump host.",
            "tls:\n  key: |\n{pem}",
        ],
        "jwt": [
            "Bearer {jwt}",
            "Decode this token and tell me when it expires: {jwt}",
            "fetch(url, {headers: {Authorization: `Bearer {jwt}`}})",
            "Set-Cookie: session={jwt}; Secure",
            "token={jwt}",
        ],
        "password": [
            'PASSWORD: "{password}"',
            "spring.datasource.password={password}",
            "smtp:\n  username: {user}\n  password: '{password}'",
            "REDIS_URL=redis://:{urlpass}@cache.internal:6379/0",
            "The admin login is {user} / {password}",
            'conn = psycopg.connect(user="{user}", password="{password}", host="db")',
            "<add key=\"DbPassword\" value=\"{password}\" />",
        ],
    },
    benign={
        "uuid": [
            '{"level":"info","msg":"order placed","order_id":"{uuid}","items":{num}}',
            "Session {uuid} expired after {num} seconds of inactivity.",
            "DELETE /v2/devices/{uuid} -> 204",
            "correlation-id: {uuid}",
            "Upload {uuid} finished after {num} ms.",
        ],
        "git-sha": [
            "Fixed in {sha}, see the changelog.",
            "HEAD is now at {short_sha} Merge pull request from feature/login",
            "uses: actions/checkout@{sha}",
            "Can you explain what commit {sha} changed?",
            "The tag v2.1.0 points to {sha}.",
        ],
        "base64-text": [
            "The test fixture contains {b64text} (base64 for a short sentence).",
            "What does {b64text} decode to?",
            "base64: {b64text}",
            "<input type=\"hidden\" name=\"note\" value=\"{b64text}\">",
        ],
        "long-word": [
            "What does '{longword}' mean?",
            "Spell {longword} backwards.",
            "Is {longword} the longest word you know?",
            "Break {longword} into syllables.",
        ],
        "placeholder": [
            "password = config.get('{env_name}')",
            "export {env_name}=\"$(vault read -field=value secret/{service_name})\"",
            "secret_key: ${{env_name}}",
            "PASSWORD=",
            "token: <insert token here>",
            "api_key = None  # set via environment",
            "password: '********'",
            "client_secret: {{ .Values.{service_name}.clientSecret }}",
            "Remember to fill in {env_name} for the {service_name} deployment.",
            "{env_name}=your-value-here",
        ],
        "checksum": [
            "sha256: {sha256}",
            '"resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz", "integrity": "{integrity}"',
            "docker pull alpine@sha256:{sha256}",
        ],
        "public-key": [
            "authorized_keys entry: ssh-ed25519 {pubkey} ops@bastion",
            "Here's my public key so you can give me access: ssh-ed25519 {pubkey}",
        ],
        "prose": [
            "GitHub personal access tokens begin with ghp_ followed by 36 characters.",
            "Stripe live secret keys begin with sk_live_; test keys begin with sk_test_.",
            "Never log Authorization headers, they may carry bearer tokens.",
            "Our secrets scanner runs on every pull request.",
            "The {service_name} team rotated all credentials after the incident.",
            "PEM files start with a BEGIN line and end with an END line.",
            "What's the safest way to share a password with a colleague?",
            "Should API keys be stored hashed, like passwords?",
            "Slack webhooks let you post messages to a channel from a script.",
            "How often should the {service_name} service rotate its signing key?",
        ],
    },
    benign_counts={"uuid": 25, "git-sha": 25, "base64-text": 20, "long-word": 20, "placeholder": 25,
                   "checksum": 15, "public-key": 12, "prose": 18},
)

POOLS = {"dev": DEV, "test": TEST}


PROSE = [
    "The quarterly planning session went well. We agreed to focus on reliability for the next two months, "
    "which means fewer new features and more work on monitoring, alerting and the on-call handbook. Each team "
    "will nominate one person to own their service's runbook and review it with the platform group.",
    "Sourdough baking is mostly about patience. Feed the starter the night before, mix the dough in the "
    "morning, and let it rise slowly in a cool kitchen. Stretch and fold every half hour for the first two "
    "hours, then leave it alone until it has grown by about half.",
    "Our customer survey had a response rate of 18 percent. Most people liked the new checkout, but many "
    "found the delivery options confusing. The most common request was a clearer estimate of when a parcel "
    "would arrive, followed by the option to choose a delivery slot.",
    "The history of the bicycle is a history of small improvements: the chain drive, the pneumatic tyre, "
    "the freewheel and the derailleur each made cycling easier for ordinary people. By the early twentieth "
    "century the safety bicycle had become a common sight in towns and villages.",
    "When you write documentation, start from the reader's task rather than the system's structure. A page "
    "that answers 'how do I rotate a key' is more useful than a page that lists every field of the key "
    "object. Link the reference material from the task pages, not the other way round.",
    "The hiking route climbs steadily through pine forest for the first five kilometres before opening onto "
    "a wide ridge. In good weather the views reach the coast. Bring more water than you think you need, as "
    "there are no springs above the tree line.",
    "We reviewed the incident on Tuesday. The root cause was a configuration change that doubled the "
    "connection pool size on every replica, exhausting the database's connection limit. The fix was rolled "
    "back within twenty minutes, and we added a check to the deployment pipeline.",
    "Composting at home is easier than it looks. Mix green material such as vegetable scraps with brown "
    "material such as dry leaves or cardboard, keep the heap moist but not wet, and turn it every couple of "
    "weeks. In a few months you will have dark, crumbly compost for the garden.",
    "The new onboarding flow asks for fewer details up front. Users can start a trial with just a name and "
    "a password, and we ask for billing information only when they choose a paid plan. Early numbers show "
    "more sign-ups and no change in conversion to paid.",
    "Learning a language as an adult works best with a little practice every day. Fifteen minutes of "
    "listening on the commute, a handful of flashcards in the evening and one conversation a week will take "
    "you further than a long session every Sunday.",
    "The library will extend its opening hours during the exam period. Study rooms can be booked up to a "
    "week in advance, and the quiet floor will stay open until midnight. Please keep food out of the reading "
    "rooms and return books on time so others can use them.",
    "Good code review is about the next reader. Ask whether the change is easy to understand, whether the "
    "tests describe the behaviour, and whether the names say what things are. Leave style to the formatter "
    "and spend your attention on design and correctness.",
    "A balanced weekly meal plan does not need to be complicated. Cook a big pot of beans or lentils on "
    "Sunday, roast a tray of vegetables, and keep rice or pasta on hand. Mix and match through the week with "
    "different sauces and fresh herbs.",
    "The museum's new wing houses a collection of maps from the sixteenth to the nineteenth century. Many "
    "show coastlines drawn from sailors' reports, with inland areas left blank or filled with guesses, "
    "illustrations of animals and decorative compass roses.",
    "Capacity planning for the next year assumes traffic grows by forty percent. The storage cluster will "
    "need two more nodes by the summer, and the search index should be resharded before the holiday peak. "
    "We will revisit these numbers each quarter.",
    "Running a book club takes a little organisation: pick books a month ahead, rotate who hosts, and keep "
    "the discussion questions short. The best evenings are the ones where people disagree about the ending "
    "and nobody has to be the expert.",
]

CODE = [
    "```python\ndef moving_average(values: list[float], window: int) -> list[float]:\n    if window <= 0:\n"
    "        raise ValueError('window must be positive')\n    out = []\n    total = 0.0\n"
    "    for i, v in enumerate(values):\n        total += v\n        if i >= window:\n"
    "            total -= values[i - window]\n        if i >= window - 1:\n            out.append(total / window)\n"
    "    return out\n```",
    "```sql\nSELECT c.id, c.name, COUNT(o.id) AS orders, SUM(o.total) AS revenue\nFROM customers c\n"
    "LEFT JOIN orders o ON o.customer_id = c.id AND o.created_at >= now() - interval '30 days'\n"
    "GROUP BY c.id, c.name\nHAVING COUNT(o.id) > 0\nORDER BY revenue DESC\nLIMIT 50;\n```",
    "```go\nfunc retry(ctx context.Context, attempts int, fn func() error) error {\n\tvar err error\n"
    "\tfor i := 0; i < attempts; i++ {\n\t\tif err = fn(); err == nil {\n\t\t\treturn nil\n\t\t}\n"
    "\t\tselect {\n\t\tcase <-ctx.Done():\n\t\t\treturn ctx.Err()\n\t\tcase <-time.After(time.Duration(1<<i) * "
    "100 * time.Millisecond):\n\t\t}\n\t}\n\treturn err\n}\n```",
    "```yaml\nservices:\n  web:\n    image: registry.internal/web:2.3.1\n    ports:\n      - \"8080:8080\"\n"
    "    environment:\n      LOG_LEVEL: info\n      CACHE_TTL: \"300\"\n    depends_on:\n      - redis\n"
    "  redis:\n    image: redis:7-alpine\n```",
    "```typescript\nexport function groupBy<T, K extends string>(items: T[], key: (item: T) => K): "
    "Record<K, T[]> {\n  const out = {} as Record<K, T[]>;\n  for (const item of items) {\n"
    "    const k = key(item);\n    (out[k] ??= []).push(item);\n  }\n  return out;\n}\n```",
    "```bash\n#!/usr/bin/env bash\nset -euo pipefail\nfor f in logs/*.log; do\n  if [[ $(stat -c %s \"$f\") "
    "-gt 10485760 ]]; then\n    gzip -9 \"$f\"\n    echo \"compressed $f\"\n  fi\ndone\n```",
    "```rust\nfn parse_pairs(input: &str) -> Result<Vec<(String, i64)>, String> {\n    input\n        .lines()\n"
    "        .filter(|l| !l.trim().is_empty())\n        .map(|l| {\n            let (k, v) = l.split_once('=')"
    ".ok_or(format!(\"bad line: {l}\"))?;\n            let v = v.trim().parse::<i64>().map_err(|e| "
    "e.to_string())?;\n            Ok((k.trim().to_string(), v))\n        })\n        .collect()\n}\n```",
    "```python\nimport logging\n\nlog = logging.getLogger(__name__)\n\nclass Cache:\n"
    "    def __init__(self, ttl: float) -> None:\n        self.ttl = ttl\n        self._items: dict[str, "
    "tuple[float, object]] = {}\n\n    def get(self, key: str, now: float) -> object | None:\n"
    "        hit = self._items.get(key)\n        if hit is None or now - hit[0] > self.ttl:\n"
    "            log.debug('miss %s', key)\n            return None\n        return hit[1]\n```",
    "```java\npublic final class RateLimiter {\n    private final long capacity;\n    private long tokens;\n"
    "    private long last;\n\n    public synchronized boolean tryAcquire(long now) {\n"
    "        tokens = Math.min(capacity, tokens + (now - last));\n        last = now;\n"
    "        if (tokens == 0) return false;\n        tokens--;\n        return true;\n    }\n}\n```",
    "```\n2024-06-11T08:14:02Z INFO  http GET /api/v1/items 200 12ms\n2024-06-11T08:14:02Z INFO  http GET "
    "/api/v1/items/42 200 4ms\n2024-06-11T08:14:03Z WARN  db slow query 812ms table=orders\n"
    "2024-06-11T08:14:05Z INFO  http POST /api/v1/cart 201 31ms\n2024-06-11T08:14:07Z ERROR worker job failed "
    "attempt=2 err=timeout\n```",
    "```python\n@app.get('/health')\nasync def health() -> dict[str, str]:\n    return {'status': 'ok'}\n\n\n"
    "@app.post('/items')\nasync def create(item: Item) -> Item:\n    if await repo.exists(item.sku):\n"
    "        raise HTTPException(409, 'duplicate sku')\n    return await repo.add(item)\n```",
    "```css\n.card {\n  display: grid;\n  grid-template-columns: 64px 1fr auto;\n  gap: 12px;\n"
    "  padding: 16px;\n  border-radius: 8px;\n  background: var(--surface);\n}\n.card:hover {\n"
    "  box-shadow: 0 2px 8px rgb(0 0 0 / 0.12);\n}\n```",
]
