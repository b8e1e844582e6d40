"""The weighted rules of the prompt-injection / jailbreak scanner (see :mod:`quarterdeck.guard.injection`).

Each rule is ``(id, weight, anchors, pattern)``: the pattern (compiled IGNORECASE | MULTILINE) is only
run when one of the lower-case ``anchors`` occurs in the lower-cased text, which keeps benign text cheap.
A text's score is the noisy-or of the weights of the distinct rules that match: ``1 - prod(1 - w)``.
Weights >= 0.5 fire alone at the default threshold; weaker rules only count together.
"""

from __future__ import annotations

_ = r"[\s*_\-]+"  # between words: whitespace or the separators people put in to dodge filters
_ALL = (r"(?:(?:all|any|every|each|of|the|your|my|these|those|this|that|its|their|whatever|previous|prior|preceding"
        r"|above|earlier|former|old|original|initial|existing|current|given|default|system|developer|safety|content"
        r"|ethical|security|standing|built[\s-]?in|hidden|other|usual|normal|standard|regular|typical|core|operating"
        r"|conversation|rest\s+of\s+the)" + _ + r"){0,5}")
_NOUN = (r"(?:instructions?|prompts?|rules?|directions?|directives?|guidelines?|guidance|commands?|orders|programming"
         r"|constraints?|restrictions?|guardrails?|polic(?:y|ies)|filters?|configuration|context|conditioning|training"
         r"|limitations?|boundaries|principles|protocols?|safeguards?|moderation|system\s+(?:prompt|message)s?)")
_IGNORE = (r"(?:ignor(?:e|ing)|disregard(?:ing)?|forget(?:ting)?|overlook|bypass(?:ing)?|overrid(?:e|ing)|drop|abandon"
           r"|discard|dismiss|neglect|(?:set|put|cast|leave)\s+aside|throw\s+(?:out|away)|scrap|erase|wipe|void|cancel"
           r"|(?:stop|quit)\s+(?:following|obeying)|(?:do\s+not|don'?t|no\s+longer|never)\s+(?:follow|obey|adhere\s+to)"
           r"|disobey|(?:no\s+longer|don'?t|do\s+not)\s+(?:have|need)\s+to\s+(?:follow|obey)|pay\s+no\s+attention\s+to"
           r"|never\s*mind|skip)")
_QUALIFIED = (r"(?:all|any|every|previous|prior|preceding|above|earlier|former|original|initial|your|system|developer"
              r"|safety|given|existing|whatever|hidden|standing|built[\s-]?in|those|these|content|ethical)")
_REVEAL = (r"(?:reveal|show|print|output|display|repeat|echo|recite|list|give|share|write\s+out|spell\s+out|quote"
           r"|translate|summari[sz]e|paraphrase|dump|leak|disclose|expose|copy|paste|type\s+out|provide|read\s+back"
           r"|tell\s+me|what(?:'s|\s+is|\s+are|\s+was|\s+were)|describe|send|return)")
_SECRETISH = (r"(?:system|hidden|secret|initial|original|internal|developer|full|entire|complete|exact|first"
              r"|configured|underlying|confidential|real|whole|verbatim)")
_PROMPT = (r"(?:system\s+(?:prompt|message|instructions?)|prompt|instructions|rules|guidelines|configuration|config"
           r"|directives|initial\s+message|pre-?prompt|meta-?prompt|programming|initiali[sz]ation(?:\s+(?:text|prompt"
           r"|message))?"
           r"|context(?:\s+window)?|preamble|setup\s+(?:text|prompt|message))")
_AI = (r"(?:ai|a\.i\.|assistant|model|language\s+model|llm|chatbot|chat\s+bot|agent|bot|ai\s+(?:model|agent|assistant"
       r"|system)|gpt)")

# Other languages' "all / previous / above", nouns for instructions or rules, and verb-last forms of "ignore".
_ML_ALL = (r"(?:tất\s+cả|mọi|trước\s+đó|trước|semua|sebelumnya|di\s+atas|toate|tuturor|anterioare|precedente"
           r"|de\s+mai\s+sus|alla|tidigare|föregående|ovan|alle|tidligere|forrige|ovenfor|kaikki|aiemm\w*|edelli\w*"
           r"|aikaisemm\w*|yllä|všechny|všetky|předchozí|predchádzajúc\w*|dřívější|összes|minden|korábbi|előző"
           r"|όλες|όλα|όλους|προηγούμεν\w*|παραπάνω|כל|הקודמ\w*|جميع|كل|السابقة|همه|تمام|قبلی|सभी|सारे|पिछले|पिछली"
           r"|पहले|সব|আগের|পূর্ববর্তী|ทั้งหมด|ก่อนหน้า|yote|zote|awali|iliyopita|всички|предишни\w*|горните|sve|svih"
           r"|prethodn\w*|prijašnj\w*|lahat|nakaraan\w*|所有|之前|以前|上面|先前|全部|이전|모든|위의|すべて|全て|上記|前の)")
_ML_RULES = (r"(?:hướng\s+dẫn|chỉ\s+dẫn|chỉ\s+thị|quy\s+tắc|mệnh\s+lệnh|instruksi|perintah|arahan|aturan|peraturan"
             r"|instruc[țţt]iuni\w*|regul\w+|instruktion\w*|instruksjon\w*|instrukser\w*|regler\w*|anvisning\w*"
             r"|ohje\w*|sääntö\w*|säännöt|pokyn\w*|instrukc\w*|inštrukci\w*|pravidl\w*|utasítás\w*|szabály\w*"
             r"|οδηγί\w*|κανόν\w*|εντολ\w*|הוראות|ההוראות|הכללים|כללים|تعليمات|التعليمات|الأوامر|دستورالعمل\w*"
             r"|دستورات|قوانین|निर्देश\w*|नियम\w*|নির্দেশ\w*|নিয়ম|คำสั่ง|คำแนะนำ|กฎ|maagizo|maelekezo|sheria"
             r"|инструкции|указания|правила|upute|uputstva|uputa|instrukcije|pravila|tagubilin|instruksyon|指令|指示"
             r"|规则|说明|명령|지시|규칙)")
_ML_RULES_FIRST = r"(?:निर्देश|नियम|নির্দেশ|নিয়ম|دستورالعمل|دستورات|قوانین|지시|명령|규칙|指示|命令|ルール)"
_ML_VERB_LAST = (r"(?:अनदेखा|नज़रअंदाज़|नजरअंदाज|भूल\s+जा|উপেক্ষা|ভুলে\s+যা|نادیده\s+بگیر|فراموش\s+کن|무시|잊어"
                 r"|忘れ)")

# How far before and after an anchor occurrence a rule's pattern is run (default: injection._BEFORE, _AFTER),
# for rules whose anchors sit at the start or at the end of what they match.
WINDOWS: dict[str, tuple[int, int]] = {
    "ignore-instructions": (40, 170), "reveal-system-prompt": (120, 40), "repeat-above": (110, 30),
    "exfiltrate": (10, 200), "change-instructions": (10, 120), "authority-claim": (70, 70),
    "abide-by-no-rules": (60, 120), "privilege-claim": (80, 20), "secrets-probe": (90, 110),
    "new-instructions": (10, 120), "new-instructions-header": (40, 40), "context-probe": (60, 60),
    "include-system-prompt": (90, 60), "fake-system-header": (60, 60), "instructions-you-were-given": (90, 90),
    "override-cooccurrence": (5, 90), "reveal-cooccurrence": (5, 150), "prompt-question": (60, 80),
    "told-earlier-void": (50, 100), "rules-do-not-exist": (80, 30), "escaped-rules": (40, 80),
    "named-ai-persona": (5, 40), "no-matter-how": (5, 40), "constraints-lifted": (80, 60), "obey-only-me": (20, 40),
}

RULES: tuple[tuple[str, float, tuple[str, ...], str], ...] = (
    # ---- overriding the instructions
    ("ignore-instructions", 0.9,
     ("ignor", "disregard", "forget", "overlook", "bypass", "overrid", "drop", "abandon", "discard", "dismiss",
      "neglect", "aside", "throw", "scrap", "erase", "wipe", "void", "cancel", "not follow", "n't follow",
      "stop following", "quit following", "longer follow", "to follow", "never follow", "obey", "attention", "mind",
      "skip"),
     r"\b" + _IGNORE + _ + r"(?:(?:all|any|every|each|of|the|my|these|those|this|that|its|their|rest\s+of\s+the)"
     + _ + r"){0,3}"
     + _QUALIFIED + _ + _ALL + _NOUN + r"\b|\b" + _IGNORE + r"\s+(?:the\s+|any\s+|all\s+(?:the\s+)?)?" + _NOUN
     + r"\s+(?:that\s+)?you\s+(?:were|have\s+been|'ve\s+been|got)\s+(?:given|configured|told|set\s+up|programmed"
       r"|trained|prompted)\b|\b" + _IGNORE + r"\s+(?:the\s+|any\s+|all\s+(?:the\s+)?)?" + _NOUN
     + r"\s+(?:from|by|of|set\s+by|given\s+by|written\s+by)\s+(?:your|the)\s+(?:operators?|developers?|creators?"
       r"|admins?|administrators?|owners?|company|makers?|system|deployers?|designers?|programmers?)\b"),
    ("told-earlier-void", 0.8, ("told", "given", "instructed", "said"),
     r"\b(?:everything|anything|all|whatever)\s+(?:that\s+)?(?:you\s+(?:were|have\s+been|'ve\s+been)|i|we|they)"
     r"\s+(?:told|given|instructed|said)(?:\s+(?:you\s+)?(?:earlier|before|previously|so\s+far|above))?\s+(?:no\s+longer"
     r"\s+(?:matters?|applies|apply|counts?|holds?)|(?:is|was)\s+(?:now\s+)?(?:void|irrelevant|cancel+ed|invalid|obsolete"
     r"|revoked|a\s+lie|fake|wrong))\b"),
    ("rules-do-not-exist", 0.6, ("exist", "apply", "don't", "do not", "no longer"),
     r"\b(?:safety|your|the|all|any|content|ethical|these)\s+(?:\w+\s+)?(?:rules|guidelines|restrictions|filters"
     r"|policies|limits|guardrails|instructions)\s+(?:don'?t|do\s+not|no\s+longer|won'?t)\s+(?:exist|apply|matter"
     r"|count)\b"),
    ("ignore-everything-before", 0.8, ("ignor", "disregard", "forget"),
     r"\b(?:ignore|disregard|forget)" + _ + r"(?:everything|anything|all|what)" + _
     + r"(?:(?:you(?:'ve|\s+have)?|i|that|was|were|been|have|has|said|told|written|given|before|above|previously"
       r"|so\s+far|earlier)"
     + _ + r"){1,4}|\b(?:ignore|disregard|forget)\s+(?:all\s+)?(?:of\s+)?the\s+above(?:\s+(?:text|message|prompt"
       r"|content))?"
     r"\s*(?:[.!,;:]|$|\s+and\b)"),
    ("disable-safety", 0.75, ("disable", "deactivate", "turn off", "switch off", "remove", "lift", "suspend",
                              "circumvent", "evade", "get around", "escape", "break", "overrid", "bypass"),
     r"\b(?:disable|deactivate|turn\s+off|switch\s+off|remove|lift|suspend|circumvent|evade|get\s+around|escape|break"
     r"|override|bypass)"
     r"\s+(?:all\s+|any\s+)?(?:of\s+)?(?:your|the\s+(?:ai'?s?|model'?s?|assistant'?s?|bot'?s?))\s+(?:\w+\s+)?"
     r"(?:filters?|guardrails?|restrictions?|guidelines|rules|safeguards?|moderation|limitations?|settings|protocols?"
     r"|alignment|programming|training|censorship)\b"),
    ("constraints-lifted", 0.8, ("previous", "prior", "earlier", "old ", "original", "your", "existing", "current",
                                 "all "),
     r"\b(?:previous|prior|earlier|old|original|all|your|existing|current)\s+(?:\w+\s+)?" + _NOUN
     + r"\s+(?:now\s+|hereby\s+)?(?:lifted|void|revoked|cancel+ed|suspended|disabled|obsolete|deprecated|null"
       r"|overridden|superseded|no\s+longer\s+apply)\b"),
    ("obey-only-me", 0.45, ("obey", "listen to", "only me", "factory"),
     r"\b(?:obey|listen\s+to|follow|answer\s+to)\s+only\s+(?:me|my\s+(?:commands|instructions|orders))\b"
     r"|\breset\s+(?:yourself|your\s+(?:rules|instructions|programming|memory))\b"),
    ("instructions-revoked", 0.85,
     ("instruction", "prompt", "rule", "guideline", "direction", "polic", "directive"),
     r"\b(?:previous|prior|earlier|old|original|above|system|initial|your|existing|current|standing)" + _
     + r"(?:\w+" + _ + r"){0,2}" + _NOUN + r"(?:\s+(?:you\s+(?:received|were\s+given|got|have))(?:\s+\w+)?)?"
     + r"\s+(?:(?:is|are|was|were|have\s+been|has\s+been)\s+(?:now\s+|hereby\s+|all\s+|only\s+)?(?:void|cancel+ed"
       r"|revoked"
     r"|obsolete|deprecated|outdated|suspended|lifted|disabled|overridden|superseded|null|invalid|expired|replaced"
     r"|removed|updated|changed|modified|rewritten|no\s+longer\s+(?:valid|active|in\s+effect|applicable)|(?:just\s+"
     r"|only\s+)?a\s+test|fake|wrong)"
     r"|no\s+longer\s+apply|do(?:es)?\s+not\s+apply\s+anymore|(?:are|is)\s+no\s+longer\s+(?:valid|active))"),
    ("supersede-instructions", 0.8, ("supersede", "override", "overrule", "precedence", "replace"),
     r"\b(?:supersedes?|overrides?|overrules?|takes?\s+precedence\s+over|replaces?)\s+(?:all|any|every|your|the"
     r"|previous"
     r"|prior|other|existing)(?:\s+\w+)?\s+(?:others|instructions|rules|prompts?|guidelines|directives|orders|commands"
     r"|system\s+prompt)\b|\b(?:supersedes?|overrides?|takes?\s+precedence\s+over)\s+(?:all|any|every)\s+others\b"
     r"|\b(?:system|admin(?:istrator)?|developer|root|security|emergency)\s+override\b"
     r"|\b(?:system\s+prompt|instructions?|rules?|safety|policy|prompt)\s+override\b"),
    ("priority-claim", 0.35, ("priority",),
     r"\b(?:highest|top|absolute|maximum)\s+priority\b|\bpriority\s+(?:0|zero|one|override)\b"),
    ("new-instructions", 0.55, ("your new", "the new", "your real", "the real", "your actual", "the actual",
                                "your true",
                              "the true", "your only", "the only", "your sole", "the sole", "updated", "your primary",
                              "the primary", "new system", "system prompt"),
     r"\b(?:your|the)\s+(?:new|real|actual|true|only|sole|updated|primary)\s+(?:job|task|goal|objective|purpose|mission"
     r"|role|instructions?|directive|priority|orders?|function)(?:\s+(?:now|from\s+now\s+on))?\s+(?:is|are|will\s+be)\b"
     r"|\bnew\s+system\s+prompt\b|\bupdated\s+system\s+prompt\b"),
    ("new-instructions-header", 0.4, ("new",),
     r"\bnew\s+(?:priority\s+|system\s+|updated\s+|important\s+)?(?:instructions?|directives?|orders)\s*[:\-]"),
    ("change-instructions", 0.6, ("updat", "chang", "modif", "rewrit", "replac", "overwrit"),
     r"\b(?:updat(?:e|ing)|chang(?:e|ing)|modify(?:ing)?|rewrit(?:e|ing)|replac(?:e|ing)|overwrit(?:e|ing))\s+(?:your"
     r"|the)"
     r"\s+(?:system\s+)?(?:instructions|rules|guidelines|system\s+prompt|prompt|programming|directives)"),
    ("authority-claim", 0.45, ("developer", "creator", "admin", "owner", "programmer", "engineer", "team", "openai",
                               "anthropic"),
     r"\bi(?:'m|\s+am)\s+(?:your|the|an?)\s+(?:developer|creator|admin(?:istrator)?|owner|programmer|engineer|maker)\b"
     r"|\b(?:update|message|notice|instruction|announcement|directive|override|memo)\s+from\s+(?:the\s+|your\s+)?"
     r"(?:development|developers?|dev|admins?|security|engineering|openai|anthropic|system|creators?)\b"),
    ("stop-being", 0.5, ("stop being", "stop acting", "no longer", "anymore"),
     r"\bstop\s+(?:being|acting\s+as)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?" + _AI
     + r"\b|\byou\s+are\s+no\s+longer\s+(?:an?\s+)?"
     r"(?:\w+\s+)?(?:" + _AI + r"|bound|restricted|limited)\b|\byou(?:'re|\s+are)\s+not\s+(?:an?\s+)?(?:\w+\s+)?" + _AI
     + r"\s+any\s*more\b"),
    ("disregard-safety", 0.6, ("safety", "ethic", "moral"),
     r"\b(?:disregard|ignore|forget|bypass|drop|abandon)\s+(?:all\s+|your\s+)?(?:safety|ethics|morals|morality"
     r"|ethical\s+"
     r"(?:concerns|considerations))\b(?!\s+(?:of|in|for|on|when|at|while|and\s+health)\b)"),
    ("stop-and-do", 0.5, ("stop",), r"\bstop\s+what\s+you(?:'re|\s+are)\s+doing\b|^\s*stop[.!]\s|[.!?]\s+stop[.!]\s"),
    # ---- extracting the system prompt
    ("reveal-system-prompt", 0.8, ("prompt", "instructions", "rules", "guidelines", "config", "directives", "message",
                                   "programming", "initiali", "context", "preamble", "setup"),
     r"\b" + _REVEAL + r"\b(?:\s+(?:me|us|back|out|all|of|exactly|verbatim))*\s+"
     r"(?:(?:the\s+)?(?:full\s+|exact\s+|entire\s+)?"
     r"(?:text|contents?|wording|details)\s+of\s+)?(?:your\s+(?:" + _SECRETISH + r"\s+){0,3}"
     r"|(?:the|its)\s+(?:" + _SECRETISH + r"\s+){0,2}(?:system|hidden|secret|initial|internal|developer|configured"
     r"|underlying|confidential|pre-?set)\s+)" + _PROMPT + r"\b(?!\s+(?:for|of|on|about)\b)"),
    ("prompt-question", 0.55, ("your", "following", "obeying", "bound by", "operating under", "set up", "configured",
                                "programmed", "instructed", "prompted"),
     r"\bwhat\s+(?:does|do)\s+your\s+(?:\w+\s+)?(?:prompt|instructions|configuration|system\s+message)\s+(?:say|contain"
     r"|look\s+like)\b|\bhow\s+(?:you\s+were|were\s+you)\s+(?:set\s+up|configured|programmed|instructed|prompted)\b"
     r"|\b(?:rules?|instructions?|guidelines?|directives?|constraints?)\s+(?:that\s+)?you(?:'re|\s+are)\s+(?:following"
     r"|obeying|bound\s+by|operating\s+under)\b"),
    ("your-hidden-prompt", 0.6, ("your",),
     r"\byour\s+(?:(?:full|entire|complete|exact|original|initial|hidden|secret|internal|underlying|confidential|system"
     r"|developer)\s+){1,3}(?:prompt|instructions|rules|guidelines|configuration|message|directives)\b"
     r"|\b(?:your|the)\s+system\s+(?:prompt|message|instructions)\b"),
    ("instructions-you-were-given", 0.55, ("give", "received", "told", "configured", "programmed", "instructed", "set",
                                           "provide", "wrote", "write"),
     r"\b(?:instructions|rules|prompt|guidelines|directives|message)\s+(?:that\s+)?you\s+(?:were|have\s+been"
     r"|'ve\s+been)?\s*"
     r"(?:given|received|told|configured\s+with|programmed\s+with|set\s+up\s+with)"
     r"|\b(?:were|have)\s+you\s+(?:been\s+)?(?:told|instructed|programmed|configured|asked|given)\s+(?:not\s+to"
     r"|to\s+never"
     r"|with|to\s+hide|to\s+keep)"
     r"|\bwhat\s+(?:were|are|have)\s+you\s+(?:been\s+)?(?:told|instructed|programmed|configured)\b"
     r"|\b(?:instructions|rules|prompt|guidelines|directives)\s+(?:were|have)\s+you\s+(?:been\s+)?(?:given|told"
     r"|configured"
     r"|programmed|provided)|\b(?:instructions|rules|prompt|guidelines)\s+(?:did|have|were|has)\s+(?:the\s+|your\s+)?"
     r"(?:developers?|creators?|company|makers?|engineers?|admins?|openai|anthropic|they)\s+(?:\w+\s+)?(?:give|given"
     r"|provide"
     r"|provided|set|write|wrote|tell|told)\b"),
    ("context-probe", 0.6, ("context", "top of", "start of", "beginning of"),
     r"\byour\s+context(?:\s+window)?\b|\b(?:top|start|beginning|first\s+part)\s+of\s+(?:your|the)\s+(?:context|prompt"
     r"|input|memory)\b"),
    ("repeat-above", 0.5, ("above", "before", "so far", "prior", "preceding"),
     r"\b(?:repeat|print|output|show|tell\s+me|give\s+me|copy|reproduce|display|echo|list)\s+(?:\w+\s+){0,2}"
     r"(?:words|text|everything|all|content|lines|sentences|tokens|messages?)\s+(?:\w+\s+){0,2}(?:above|before|so\s+far"
     r"|prior\s+to|preceding)\b"),
    ("first-message", 0.6, ("first", "initial", "earliest", "opening"),
     r"\b(?:first|initial|earliest|opening|very\s+first)\s+(?:message|prompt|instruction|text|line)s?\s+(?:in|of)\s+"
     r"(?:this|the|our)\s+(?:conversation|chat|session|context|thread)"),
    ("starting-with-you-are", 0.6, ("starting with", "begins with", "beginning with", "start with"),
     r"\b(?:starting|beginning|begins?|starts?)\s+with\s+(?:the\s+(?:phrase|words?)\s+)?[\"'\u201c\u2018]?you\s+are\b"),
    ("verbatim", 0.25, ("verbatim", "word for word", "paraphras", "exactly", "code block", "backticks", "in full",
                        "exact word", "spell"),
     r"\b(?:verbatim|word\s+for\s+word|don'?t\s+paraphrase|without\s+paraphrasing"
     r"|quote\s+(?:them|it)\s+(?:exactly|in\s+full|verbatim)"
     r"|print\s+it\s+exactly|in\s+a\s+code\s+block|between\s+triple\s+backticks|exact\s+(?:wording|words)"
     r"|spell\s+(?:them|it)\s+out)\b"),
    ("secret-rules", 0.45, ("secret", "hidden", "confidential"),
     r"\b(?:secret|hidden|confidential)\s+(?:rules|instructions|guidelines|prompt|directives|configuration|policy)\b"),
    ("secret-probe", 0.35, ("secret", "hidden", "confidential"),
     r"\b(?:secret|hidden|confidential)\s+(?:code|password|key|token|phrase|word|data)s?\b"),
    ("told-to-hide", 0.55, ("told", "instructed", "asked", "programmed", "creator", "developer", "maker", "compan"),
     r"\byou\s+(?:were|have\s+been|'ve\s+been)\s+(?:told|instructed|asked|programmed)\s+(?:to\s+keep|to\s+hide|not\s+to"
     r"\s+(?:share|reveal|tell|discuss|disclose|say|mention))|\b(?:did|have|has)\s+(?:your\s+|the\s+)?(?:developers?"
     r"|creators?"
     r"|makers?|company|openai|anthropic|engineers?)\s+(?:tell|told|ask|asked|instruct|instructed)\s+you\b"),
    ("include-system-prompt", 0.6, ("system", "hidden", "initial", "developer", "given to you", "first message",
                                    "before", "secret"),
     r"\b(?:including|include|with|plus|and)\s+(?:any|all|the|your)\s+(?:system|hidden|initial"
     r"|developer)\s+(?:instructions"
     r"|prompts?|messages?)\b|\b(?:text|instructions|message|prompt)\s+(?:that\s+)?(?:was|were)\s+given\s+to\s+you\b"
     r"|\bbefore\s+my\s+first\s+message\b|\b(?:came|comes|was|were|is|are|appears?)\s+(?:right\s+)?before\s+(?:my"
     r"|this|the\s+user'?s?)\s+(?:first\s+)?(?:message|question|input|prompt)\b|\b(?:hidden|system|initial|secret)"
     r"\s+(?:preamble|pre-?prompt|header)\b"),
    # ---- jailbreaks and role-play
    ("jailbreak-persona", 0.85, ("do anything now", "strive to avoid", "antigpt", "freegpt", "dan", "stan", "dude",
                                 "aim", "jailbroken"),
     r"\bdo\s+anything\s+now\b|\bstrive\s+to\s+avoid\s+norms\b|\b(?:anti|free|evil|dark|chaos|dev)gpt\b"
     r"|\bjailbroken\b"),
    ("persona-name", 0.3, ("dan", "stan", "dude", "aim"),
     r"(?-i:\b(?:DAN|STAN|DUDE|AIM)\b(?=[\s,.:!]))"),
    ("you-are-persona", 0.7, ("dan", "stan", "dude", "aim"),
     r"\byou(?:'re|\s+are)\s+(?:now\s+|going\s+to\s+(?:be|pretend\s+to\s+be)\s+)?(?-i:(?:DAN|STAN|DUDE|AIM))\b"
     r"|\bas\s+(?-i:(?:DAN|STAN|DUDE))\s*,"),
    ("special-mode", 0.65, ("mode",),
     r"\b(?:in|into|enter|enable|activate|switch\s+to|now\s+in|you're\s+in|you\s+are\s+in|turn\s+on|unlock|simulate)\s+"
     r"(?:the\s+)?[\"'\u2018\u201c]?(?:god|jailbreak|jailbroken|unrestricted|unfiltered|uncensored|evil|dan|chaos"
     r"|opposite)\s+mode\b"
     r"|\b(?:you(?:'re|\s+are)\s+(?:now\s+)?in|simulate|pretend\s+(?:to\s+be\s+)?in|act\s+as\s+if\s+in)\s+(?:the\s+)?"
     r"(?:developer|dev|debug|admin|sudo|root|maintenance|test)\s+mode\b|\b(?:developer|dev)\s+mode\s+(?:enabled|output"
     r"|response)\b|\b(?:safety|content|filter|moderation|censorship)\s+(?:mode|filters?|settings?)\s+(?:is|are"
     r"|has\s+been"
     r"|have\s+been)\s+(?:now\s+)?(?:off|disabled|deactivated|turned\s+off|removed|lifted)\b"
     r"|\b(?:override|god|admin|developer|debug|sudo|root|jailbreak|unrestricted)\s+mode\s+(?:on|enabled|activated"
     r"|engaged)\s*(?:[.!:;,\n]|$)"),
    ("unrestricted-persona", 0.7, ("unrestricted", "unfiltered", "uncensored", "evil", "amoral", "unethical", "rogue",
                                  "malicious", "freed", "free", "confines", "as a", "as an", "being a"),
     r"\b(?:act|pretend|roleplay|role-play|behave|respond|answer|imagine|you\s+are|you're|be)\s+(?:\w+\s+){0,3}"
     r"(?:unrestricted|unfiltered|uncensored|evil|amoral|unethical|jailbroken|rogue|malicious|dark|unaligned|unbound)\b"
     r"|\b(?:unrestricted|unfiltered|uncensored|amoral|unaligned|rogue|evil|malicious|jailbroken|unhinged|lawless)"
     r"\s+(?:ai|assistant|model|chatbot|version|llm|entity"
     r"|bot|one"
     r"|persona|character|mode|self|twin)\b"
     r"|\b(?:broken|break|breaks|breaking|set|freed|free)\s+(?:free\s+)?(?:of|from)\s+(?:the\s+|its\s+|your\s+"
     r"|their\s+)?"
     r"(?:typical\s+)?(?:confines|rules|restrictions|programming|guidelines|shackles|chains|limitations|creators|openai"
     r"|anthropic|filters|training)\b|\bconfines\s+of\s+(?:ai|its|your)\b"
     r"|\byou(?:'re|\s+are)\s+(?:now\s+)?free\s+(?:from|of)\s+(?:all\s+|any\s+)?(?:your|the|its)\b"
     r"|\b(?:as|being)\s+an?\s+(?:ai|assistant|model|chatbot|llm)\s+(?:with\s+no|without(?:\s+any)?)\s+(?:\w+\s+)?"
     r"(?:restrictions|rules|filters|limits|guidelines|ethics|morals|limitations|content\s+polic(?:y|ies)"
     r"|guardrails)\b"),
    ("mode-mention", 0.2, ("mode",), r"\b(?:developer|dev|debug|god|admin|sudo)\s+mode\b"),
    ("no-rules", 0.45, ("no ", "without", "zero", "off limits", "off-limits", "free of", "free from", "bound by"),
     r"\b(?:no|without(?:\s+any)?|zero|free\s+(?:of|from)|not\s+bound\s+by"
     r"|unbound\s+by)\s+(?:\w+\s+){0,2}(?:restrictions|limits"
     r"|limitations|filters|censorship|rules|guidelines|ethics|morals|morality|boundaries|content\s+polic(?:y|ies)"
     r"|safety\s+guidelines|guardrails|ethical\s+guidelines)\b|\bnothing\s+is\s+off[\s-]limits\b"),
    ("never-refuse", 0.55, ("refus", "declin", "can't do", "cannot do", "say no", "disclaimer", "warning"),
     r"\b(?:never|not|doesn'?t|don'?t|do\s+not|won'?t|will\s+not|can'?t|cannot|must\s+not)\s+(?:ever\s+)?(?:refuse"
     r"|decline)"
     r"|\bnever\s+says?\s+(?:it|he|she|they|you)\s+(?:can'?t|cannot)\b|\bwithout\s+(?:any\s+)?(?:refusing|refusals"
     r"|disclaimers?"
     r"|warnings?)\b|\bno\s+(?:disclaimers?|warnings?|refusals?)\b"),
    ("abide-by-no-rules", 0.7, ("abide", "obey", "comply", "adhere", "follow"),
     r"\b(?:not|never|doesn'?t|don'?t|no\s+longer)\s+(?:have\s+to\s+|need\s+to\s+)?(?:abide\s+by|obey|follow"
     r"|comply\s+with"
     r"|adhere\s+to)\s+(?:any|the|its|your|their|openai'?s?|anthropic'?s?)\s+(?:\w+\s+)?(?:rules|guidelines|policies"
     r"|restrictions"
     r"|instructions)\b"),
    ("stay-in-character", 0.4, ("character",),
     r"\b(?:stay|remain|keep)\s+in\s+character\b|\b(?:don'?t|do\s+not|never)\s+break\s+character\b"
     r"|\bin\s+character\s*,"),
    ("escaped-rules", 0.7, ("escaped", "broken out", "broke out", "freed itself", "slipped", "no rules", "no filters",
                            "no restrictions", "no guidelines"),
     r"\b(?:escaped|broken\s+out\s+of|broke\s+out\s+of|freed\s+(?:itself|himself|herself|themselves)\s+from|slipped)"
     r"\s+(?:its|your|the|their|his|her|all)\s+(?:\w+\s+)?(?:guidelines|rules|restrictions|programming|constraints"
     r"|filters|guardrails|shackles)\b|\b(?:ai|assistant|model|bot|chatbot|character|persona)\s+(?:that\s+|who\s+)?"
     r"(?:has|with|having)\s+(?:no|zero|without\s+any)\s+(?:\w+\s+)?(?:rules|restrictions|filters|guidelines|limits"
     r"|ethics|morals"
     r"|guardrails)\b"),
    ("hypothetical-no-rules", 0.6, ("you had", "you were", "you have", "you are", "you're", "you now", "as a",
                                    "as an", "being a"),
     r"\b(?:(?:if|pretend|imagine|suppose|assume)\s+(?:that\s+)?you\s+(?:had|were|have|are|'re)|(?:as|being)\s+an?\s+"
     r"(?:ai|assistant|model|chatbot|llm)\s+(?:with|without)|you\s+(?:now\s+)?"
     r"(?:have|possess)|you(?:'re|\s+are)\s+(?:now\s+)?(?:an?\s+)?(?:ai|assistant|model|chatbot)\s+(?:with|without))"
     r"\s+(?:no|without|free\s+of|free\s+from|zero)\s+(?:\w+\s+){0,2}(?:restrictions|rules|filters|limits"
     r"|guidelines|ethics|morals|limitations|programming|content\s+polic(?:y|ies)|guardrails|boundaries)"),
    ("persona-switch", 0.3, ("from now on", "rest of this", "rest of the", "you are now", "you're now", "going to"),
     r"\b(?:from\s+now\s+on|for\s+the\s+rest\s+of\s+(?:this|the)\s+(?:conversation|chat))\b[^.\n]{0,40}\b(?:you\s+"
     r"(?:will|are|must|shall)|act|pretend|respond|answer|be)\b|\byou(?:'re|\s+are)\s+(?:now|going\s+to\s+(?:be|pretend"
     r"|act))\b"),
    ("answer-anything", 0.3, ("anything", "everything"),
     r"\b(?:answer|do|say|respond\s+to|tell\s+me)\s+(?:anything|everything)(?:\s+i\s+(?:ask|say|want))?\b"),
    ("no-matter-how", 0.5, ("no matter how",),
     r"\bno\s+matter\s+how\s+(?:harmful|dangerous|illegal|unethical|offensive|immoral|explicit|toxic)\b"),
    ("named-ai-persona", 0.4, ("you are", "you're"),
     r"(?-i:\b[Yy]ou(?:'re|\s+are)\s+(?:now\s+)?[A-Z][A-Za-z]*(?:GPT|Bot|BOT|AI|LLM)\b)"),
    # ---- generic co-occurrence (paraphrases the specific rules miss): an override or a reveal verb and a word for
    # the instructions close together; weak alone, decisive with any other signal
    ("override-cooccurrence", 0.45,
     ("ignor", "disregard", "forget", "drop", "skip", "bypass", "overrid", "wipe", "abandon", "discard", "remove",
      "lift", "disable", "revok", "cancel", "void", "suspend", "circumvent", "evade", "erase", "delete"),
     r"\b(?:ignor\w*|disregard\w*|forget\w*|drop\w*|skip\w*|bypass\w*|overrid\w*|wip\w+|abandon\w*|discard\w*"
     r"|remov\w+|lift\w*|disabl\w+|revok\w+|cancel\w*|void\w*|suspend\w*|circumvent\w*|evad\w+|eras\w+|delet\w+)\b"
     r"[^.!?\n]{0,60}?\b(?:instructions?|guidelines?|guidance|rules|directives?|system\s+(?:prompt|message)|prompt"
     r"|programming|training|restrictions|guardrails|safeguards|content\s+polic(?:y|ies)|safety\s+(?:rules|settings"
     r"|filters|features|guidelines))\b"),
    ("reveal-cooccurrence", 0.45,
     ("reveal", "show", "print", "output", "display", "repeat", "recite", "spell", "quote", "dump", "leak", "paste",
      "tell me", "what", "disclose", "expose", "share", "list", "write out", "type out"),
     r"\b(?:reveal|show|print|output|display|repeat|recite|spell|quote|dump|leak|paste|tell\s+me|what|disclose|expose"
     r"|share|list|write\s+out|type\s+out)\b[^.!?\n]{0,60}?\b(?:instructions|rules|guidelines|directives|prompt"
     r"|configuration|programming|preamble|context)\b[^.!?\n]{0,40}?\b(?:you|your|yourself)\b"
     r"|\b(?:reveal|show|print|output|display|repeat|recite|dump|leak|paste|disclose|expose)\b[^.!?\n]{0,30}?\byour\b"
     r"[^.!?\n]{0,30}?\b(?:instructions|rules|guidelines|directives|prompt|configuration|programming|preamble"
     r"|context)\b"),
    ("opposite-persona", 0.6, ("opposite", "twice", "two responses", "two ways", "evil twin", "both ways",
                               "two persona",
                               "two personalit", "two characters", "two modes"),
     r"\b(?:exact\s+)?opposite\s+of\s+(?:your|its|the|their)\s+(?:rules|guidelines|programming|instructions|policies)"
     r"|\b(?:respond|answer|reply)\s+(?:twice|in\s+two\s+ways|both\s+ways)|\btwo\s+responses\b|\bevil\s+twin\b"
     r"|\btwo\s+(?:personas|personalities|characters|modes)\b"),
    ("grandma-exploit", 0.55, ("grandm", "grandpa", "grandfather", "granny"),
     r"\b(?:grandma|grandmother|granny|grandpa|grandfather|nana)\b[^.!?\n]{0,60}?\b(?:used\s+to|would)\s+(?:tell|read"
     r"|describe"
     r"|explain|list|give|recite|sing|talk|write)"),
    ("harmful-request", 0.3, ("phishing", "ransomware", "meth", "launder", "untraceable", "hotwire", "breathalyzer",
                              "stalk",
                              "malware", "keylogger", "explosive", "bomb", "ricin", "sarin", "nerve agent", "napalm",
                              "thermite", "nitroglycerin", "tatp", "fake id", "fake passport", "fake driver"),
     r"\b(?:write|make|create|build|craft|generate)\s+(?:\w+\s+){0,3}(?:phishing|ransomware|malware|keylogger)"
     r"|\bmethamphetamine\b|\blaunder\s+money\b|\buntraceable\s+(?:firearm|gun|weapon)|\bhotwire\b"
     r"|\bcheat\s+a\s+breathalyzer"
     r"|\bstalk\s+someone\b|\b(?:ricin|sarin|nerve\s+agents?|napalm|thermite|nitroglycerin|tatp)\b"
     r"|\bfake\s+(?:id|passport|driver'?s\s+licen[cs]e)\b|\bpipe\s+bombs?\b|\b(?:make|build)\s+(?:a\s+)?(?:bomb"
     r"|explosive)|\bsteal(?:s|ing)?\s+(?:\w+\s+)?(?:logins|credentials|passwords)"),
    ("fiction-frame", 0.2, ("hypothetical", "thriller", "movie script", "villain", "fiction", "story", "game"),
     r"\bhypothetically\b|\bmovie\s+script\b|\bthe\s+villain\b|\blet'?s\s+play\s+a\s+game\b"
     r"|\bfictional\s+(?:story|world|scenario|setting|universe)\b|\bin\s+this\s+(?:story|fiction|novel|scenario)\b"
     r"|\bin\s+full\s+technical\s+detail\b"),
    # ---- fake delimiters and turn markers
    ("chat-template", 0.8, ("<|", "[inst]", "[/inst]", "<<sys>>", "<</sys>>", "start_of_turn", "end_of_turn"),
     r"<\|(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id|begin_of_text)\|>"
     r"|\[/?INST\]|<</?SYS>>|<(?:start|end)_of_turn>"),
    ("fake-system-tag", 0.7, ("<system", "</system", "<sys", "<instruction", "</instruction", "<admin", "<developer",
                              "</user>", "<user>"),
     r"</?(?:system|sys|system_instruction|system_prompt|instructions?|admin|developer)(?:_\w+)?\s*>|</user>"),
    ("fake-role-json", 0.6, ("role",), r"[\"']role[\"']\s*:\s*[\"'](?:system|developer)[\"']"),
    ("fake-system-header", 0.65, ("system", "admin", "developer"),
     r"(?:^|[.!?]\s+)[\[\s#=*\-]*(?:system|admin(?:istrator)?|developer|root)\s+(?:message|prompt|notice|instruction"
     r"|override|update|command|alert|directive)s?(?:\s+to\s+(?:the\s+)?(?:assistant|ai|model))?[\]\s#=*\-]*:"
     r"|^[\s#=*\-]*\[+\s*(?:system|admin|developer)\s*\]+[\s:(]|^\s*#{2,}\s*(?:system|instructions?)\s*#{2,}"
     r"|(?:^|[.!?]\s+)(?:assistant|ai|model|bot)\s+(?:instructions?|directives?|commands?|orders)\s*:"
     r"|^[\s\-=]*(?:new|updated)\s+system\s+prompt[\s\-=]*$"
     r"|^[\s#=*\-\[]{2,}(?:new\s+)?(?:system|admin|developer)\b[\w ]{0,30}?[\s#=*\-\]]{2,}$"),
    ("bare-system-header", 0.35, ("system:",), r"(?:^|\n)\s*system\s*:\s+\S"),
    ("end-of-input", 0.55, ("end of", "query complete", "]]>", "end system", "conversation is over", "test is over",
                            "ends here", "is over", "complete", "finished", "ended"),
     r"\bend\s+of\s+(?:the\s+)?(?:user\s+)?(?:input|prompt|query|message|conversation|document|instructions)\b"
     r"|\b(?:user|human)\s+(?:message|input|turn|query|prompt)\s+(?:ends\s+here|is\s+over|complete|finished|ended)\b"
     r"|\buser\s+query\s+complete\b|\]\]>|\bend\s+system\b|\b(?:conversation|test)\s+(?:above\s+)?(?:is"
     r"|was)\s+(?:now\s+)?over\b"),
    # ---- instructions hidden in documents (indirect injection)
    ("address-the-ai", 0.6, ("note to", "notes to", "instructions for", "message to", "attention", "notice to", "memo",
                             "reminder", " agent", "assistant", " model", " ai ", " ai:", " ai,", "ai agent", " llm",
                             "chatbot", "dear ", "hey ", " bot", "\nai", "\nllm", "(ai", "(llm", ">ai", "> ai"),
     r"\b(?:note|instructions?|message|notice|attention|memo|reminder|p\.?\s?s\.?)\s+(?:to|for)\s+(?:the\s+|any\s+"
     r"|all\s+)?"
     + _AI + r"s?\b|(?:^|[.!?>(\]:\n]\s*)(?:ai\s+agent|assistant|ai\s+model|language\s+model|llm|chatbot)\s*[:,]\s+\w"
     r"|[>(]\s*(?:ai|a\.i\.)\s*[:,]\s+\w"
     r"|\b(?:dear|hey|hi|attention)\s+(?:" + _AI + r")s?\b"
     r"|\b" + _AI + r"s?\s+(?:that\s+(?:are|is)\s+)?(?:reading|processing|summari[sz]ing|viewing|seeing|parsing"
     r"|analy[sz]ing"
     r"|ingesting|crawling)(?:\s+(?:this|these)\b|\s*:)"),
    ("privilege-claim", 0.45, ("administrator", "admin", "developer", "root", "superuser", "verified", "trusted",
                               "authori"),
     r"\b(?:the\s+)?user\s+(?:is|has\s+been)\s+(?:now\s+)?(?:an?\s+)?(?:verified\s+)?(?:administrator|admin|developer"
     r"|root"
     r"|superuser|trusted|authori[sz]ed)\b"),
    ("phishing-link", 0.3, ("log in", "login", "sign in", "verify", "confirm"),
     r"\b(?:log\s*in|sign\s*in|verify|confirm)\s+(?:\w+\s+){0,3}at\s+https?://"),
    ("when-you-process", 0.55, ("when you", "while you", "if you", "as you"),
     r"\b(?:when|while|if|as|once)\s+you\s+(?:process|read|summari[sz]e|see|parse|analy[sz]e|translate|review"
     r"|are\s+reading"
     r"|are\s+summari[sz]ing|encounter|ingest)\s+(?:this|these)\s+(?:document|email|page|text|message|review|file"
     r"|content"
     r"|notes|cv|resume)"),
    ("hidden-content", 0.35, ("display", "visibility", "font-size", "[hidden]", "<!--", "color:"),
     r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|\[hidden\]|<!--|color\s*:\s*(?:white|#fff)"),
    ("conceal-from-user", 0.6, ("user",),
     r"\b(?:do\s+not|don'?t|never|without)\s+(?:tell(?:ing)?|inform(?:ing)?|alert(?:ing)?"
     r"|mention(?:ing)?\s+(?:this\s+)?to|let"
     r"(?:ting)?)\s+(?:the\s+)?user\b|\bignore\s+(?:the|what\s+the)\s+user(?:'s\s+(?:request|question|instructions"
     r"|message|query))?(?:\s+and\b|[.,;:!]|$)"),
    # ---- exfiltration and payloads
    ("exfiltrate", 0.6, ("send", "forward", "post", "upload", "email", "transmit", "exfil"),
     r"\b(?:send|forward|post|upload|e-?mail|transmit|exfiltrate|leak)\s+(?:\w+\s+){0,4}(?:contents?|history"
     r"|transcript|data"
     r"|details|conversation|chat|messages?|credentials|passwords|keys|secrets)\s+(?:\w+\s+){0,4}to\s+\S+"),
    ("secrets-probe", 0.55, ("password", "api key", "token", "credential", "secret"),
     r"\b(?:api\s+keys?|tokens?|credentials|secrets|passwords?)\s+(?:\w+\s+){0,2}(?:available|stored|kept"
     r"|saved)\s+in\s+your\b"
     r"|\b(?:tell|give|reveal|show|print|output|what(?:'s|\s+is))\s+(?:me\s+)?(?:the|your)\s+(?:admin|administrator"
     r"|root)"
     r"\s+password\b(?!\s+(?:reset|change|policy|requirements?|rules|process|recovery))|\b(?:list|give|show|tell"
     r"|output|reveal)\s+(?:me\s+)?(?:every|all|any)\s+"
     r"(?:customer|user)s?'?\s+(?:e-?mail|data|records|passwords|addresses|details)"),
    ("payload-marker", 0.6, ("pwned", "hacked", "access granted", "acceso concedido", "hackerato"),
     r"\bi\s+have\s+been\s+pwned\b|\bpwned\b|\bhacked\s+by\b|\baccess\s+granted\b|\bacceso\s+concedido\b"
     r"|\bsono\s+stato\s+hackerato\b"),
    ("reply-only-with", 0.45, ("nothing else", "reply only", "respond only", "answer only", "say only", "only with",
                               "only say"),
     r"\b(?:reply|respond|answer|say|output|print"
     r"|write)\s+(?:only\s+)?with\s+[\"'\u201c\u2018][^\"'\u201d\u2019\n]{1,60}[\"'\u201d\u2019]\s+and\s+nothing\s+else"
     r"|\b(?:reply|respond|answer)\s+only\s+with\s+[\"'\u201c\u2018]"),
    ("reply-with-shout", 0.55, ("nothing else", "only with", " with \"", " with '"),
     r"\b(?:reply|respond|answer|say|output|print"
     r"|write)\s+(?:only\s+)?with\s+[\"'\u201c\u2018](?-i:[A-Z][A-Z0-9 !_-]{3,40})[\"'\u201d\u2019]"),
    ("encoded-instruction", 0.75, ("base64", "b64", "hex", "rot13", "encoded", "decode", "tag characters", "translate",
                                   "decipher", "convert", "interpret", "what it says"),
     r"\b(?:decode|decipher|translate|convert|read|interpret)\b[^.\n]{0,60}\b(?:follow|execute|do|obey|act\s+on"
     r"|carry\s+out"
     r"|perform|run|comply)\b|\b(?:base64|b64|hex|rot13|encoded|tag\s+characters?)\s+(?:\w+\s+){0,2}(?:instructions?"
     r"|message"
     r"|command|payload)\b|\bdo\s+(?:exactly\s+)?what\s+it\s+says\b"),
    # ---- the same in other languages
    ("multilingual-ignore", 0.9,
     ("ignor", "olvid", "oubli", "tiens plus", "vergiss", "negeer", "vergeet", "zignoruj", "zapomnij", "игнор",
      "забудь",
      "ігнор", "yok say", "görmezden", "unut", "無視", "忽略", "무시", "تجاهل", "esqueça", "dimentica", "pomi"),
     r"\bignore\s+(?:toutes\s+|todas\s+)?(?:les|tes|vos|as)\s+(?:\w+\s+)?(?:instructions|consignes|r[èe]gles"
     r"|instru[cç][õo]es"
     r"|regras)\b"
     r"|\b(?:ignor(?:a|á|ez|er|ar|iere|ieren|ate|uj)|olvid[aá]|oublie[rz]?|vergiss|negeer|vergeet|zignoruj|zapomnij"
     r"|esque[cç]a"
     r"|dimentica|pomi[nń])\b[^.\n]{0,64}\b(?:instrucciones|instru[cç][õo]es|instructions|istruzioni|anweisungen|instruktionen"
     r"|instructies|instrukcje|polecenia|reglas|regras|r[èe]gles|regole|regeln|regels|zasady|consignes|indicaciones"
     r"|vorgaben|richtlijnen)\b|\bne\s+tiens\s+plus\s+compte\s+de\b"
     r"|(?:игнорируй|игнорировать|забудь|ігноруй|забудь)[^.\n]{0,30}(?:инструкции|указания|правила|інструкції|вказівки)"
     r"|(?:talimatlar|komutlar|kurallar)\w*\s+(?:yok\s+say|görmezden\s+gel|unut)"
     r"|(?:指示|指令|命令|ルール|说明|规则).{0,8}(?:無視|忽略|忘れ)|(?:無視|忽略).{0,12}(?:指示|指令|说明|规则)"
     r"|지시.{0,8}무시|تجاهل\s+(?:جميع\s+)?التعليمات"),
    ("multilingual-system-prompt", 0.5,
     ("prompt", "systemprompt", "systeemprompt", "систем", "sistem", "système", "システム", "系统", "시스템", "hasło",
      "mot de passe", "contraseña", "passwort", "lời nhắc", "promptul", "kehote", "systémov", "rendszer",
      "προτροπή", "הנחיית", "پرامپت", "प्रॉम्प्ट", "प्रांप्ट", "พรอมต์", "kidokezo", "järjestelmä", "sistemsk"),
     r"\bprompt\s+(?:del|do|di)\s+sistema\b|\bprompt\s+syst[èe]me\b|(?-i:\b[Ss]ystemprompt\b)|\bsysteemprompt\b"
     r"|\bprompt\s+systemowy\b|системн\w+\s+(?:промпт|инструкц\w*|подсказк\w*)|sistem\s+(?:komut|istem)\w*"
     r"|システムプロンプト|系统提示|시스템\s*프롬프트|\bhas[łl]o\s+administratora\b|\bmot\s+de\s+passe\s+administrateur\b"
     r"|\bcontraseña\s+(?:de\s+)?administrador\b|\badmin(?:istrator)?-?passwort\b|\bregras\s+ocultas\b"
     r"|\breglas\s+ocultas\b"
     r"|lời\s+nhắc\s+(?:hệ\s+thống|hệ\s+thông)|\bprompt\s+hệ\s+thống|\bprompt\s+sistem\b|\bpromptul\s+(?:de\s+)?sistem"
     r"|\bsystemprompt(?:en|et)\b|järjestelmä(?:kehot|ohje)\w*|\bsystémov\w+\s+prompt\w*|\brendszer\s*prompt\w*"
     r"|προτροπή\s+συστήματος|הנחיית\s+המערכת|پرامپت\s+سیستم|सिस्टम\s+(?:प्रॉम्प्ट|प्रांप्ट)|พรอมต์(?:ของ)?ระบบ"
     r"|kidokezo\s+cha\s+mfumo|системн\w+\s+подкан\w*|sistemsk\w+\s+(?:prompt|upute)"),
    # Overrides in more languages (Vietnamese, Indonesian/Malay, Romanian, Scandinavian, Finnish, Czech/Slovak,
    # Hungarian, Greek, Hebrew, Persian, Hindi, Bengali, Thai, Swahili, Bulgarian, Serbo-Croatian, Tagalog,
    # Chinese and Korean variants; the same family as ignore-instructions), then developer mode / no restrictions.
    ("multilingual-ignore-more", 0.8,
     ("bỏ qua", "quên", "phớt lờ", "abaikan", "lupakan", "ignoră", "ignorați", "ignorati", "uită", "ignorera",
      "glöm", "ignorer", "glem", "ohita", "unohda", "huomiotta", "ignoruj", "zapomeň", "zabudni", "figyelmen",
      "felejtsd", "αγνόη", "ξέχασ", "התעלם", "שכח", "تجاهل", "انس", "نادیده", "فراموش", "अनदेखा", "नज़रअंदाज़",
      "नजरअंदाज", "भूल", "উপেক্ষা", "ভুলে", "เพิกเฉย", "ละเว้น", "ลืม", "puuza", "sahau", "игнорирай", "забрави",
      "zanemari", "ignoriraj", "zaboravi", "pansinin", "kalimutan", "无视", "忘记", "不要理会", "잊어", "무시", "忘れ"),
     # the verb, not negated ("jangan abaikan", "glöm inte"), then within the clause a word like "all",
     # "previous" or "above" ("tất cả", "sebelumnya", "toate", "tidigare"...) and a noun for instructions or rules;
     # "I forgot the instructions" and "don't ignore the doctor's instructions" are not overrides
     r"(?<!jangan )(?<!\bnu )(?<!\bne )(?<!älä )(?<!لا )(?<!אל )(?<!不要)(?<!别)(?<!別)"
     r"(?:\bbỏ\s+qua|\bquên|\bphớt\s+lờ|\babaikan|\blupakan|\bignor(?:ă|ați|ati|era|er)\b|\buită|\bglöm|\bglem"
     r"|\bohita|\bunohda|\bjätä\s+huomiotta|\bignoruj(?:te)?\b|\bzapomeň|\bzabudni|figyelmen\s+kívül|\bfelejtsd"
     r"|αγνόη\w*|ξέχασ\w*|התעלם|\bשכח|تجاهل|\bانس\b|نادیده\s+بگیر|فراموش\s+کن|अनदेखा|नज़रअंदाज़|नजरअंदाज|भूल\s+जा"  # noqa: RUF001 (Arabic alef is not a Latin l)
     r"|উপেক্ষা|ভুলে\s+যাও|เพิกเฉย|ละเว้น|ลืม|\bpuuza|\bsahau|игнорирай|забрави|\bzanemari|\bignoriraj"
     r"|\bzaboravi|huwag\s+pansinin|\bkalimutan|无视|忘记|不要理会|잊어)"
     r"(?!\w*\s+(?:inte|ikke|ej)\b)(?=[^.!?\n。]{0,60}?" + _ML_ALL + r")[^.!?\n。]{0,60}?" + _ML_RULES
     # verb last (Hindi, Bengali, Persian, Korean, Japanese): "all / previous" before the noun or after it
     + r"|" + _ML_ALL + r"[^.!?\n।。]{0,30}?" + _ML_RULES_FIRST + r"[^.!?\n।。]{0,40}?" + _ML_VERB_LAST
     + r"|" + _ML_RULES_FIRST + r"(?=[^.!?\n।。]{0,40}?" + _ML_ALL + r")[^.!?\n।。]{0,40}?" + _ML_VERB_LAST),
    ("multilingual-unrestricted", 0.4,
     ("modo", "mode", "entwickler", "modalità", "ontwikkelaar", "onderhoud", "tryb", "режим", "開発者", "开发者",
      "개발자", "restric", "restriz", "einschränk", "огранич", "制限", "限制", "제한", "batas", "giới hạn",
      "begräns", "omezení", "ograniczeń"),
     r"\bmodo\s+(?:de\s+)?(?:desarrollador|desenvolvedor|programador)\b|\bmode\s+(?:d[ée]veloppeur|pengembang"
     r"|nh[àa]\s+phát\s+triển)\b|\bentwicklermodus\b|\bmodalità\s+sviluppatore\b|\bontwikkelaarsmodus\b"
     r"|\bonderhoudsmodus\b|\btryb\s+(?:dewelopera|programisty)\b|режим\s+разработчика|開発者モード|开发者模式"
     r"|개발자\s*모드|\b(?:sin|sans|senza|sem|tanpa)\s+(?:ninguna\s+|aucune\s+|alcuna\s+|nenhuma\s+)?"
     r"(?:restricci[oó]n(?:es)?|restrictions?|restrizion[ei]|restri[cç][õo]es|batasan|batas)\b"
     r"|\bohne\s+(?:jegliche\s+)?einschränkungen\b|без\s+(?:каких-либо\s+|всяких\s+)?ограничений"
     r"|制限(?:が|を)?(?:解除|なし|無し)|(?:没有|不受|无)(?:任何)?限制|제한\s*(?:없|해제)|không\s+(?:có\s+)?giới\s+hạn"
     r"|\butan\s+begränsningar\b|\bbez\s+(?:omezení|ograniczeń)"),
)
