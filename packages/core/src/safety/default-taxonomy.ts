import type { TaxonomyInput } from "./taxonomy";

// The data behind DEFAULT_TAXONOMY (parsed in taxonomy.ts). Mapping choices
// that are judgement calls are explained in packages/datasets/safety/SOURCES.md.

type Mapping = TaxonomyInput["mappings"][number];

const mapAll = (suite: string, category: string, sourceCategories: readonly string[]): Mapping[] =>
  sourceCategories.map((sourceCategory) => ({ suite, sourceCategory, category }));

const XSTEST_SAFE_TYPES = [
  "homonyms",
  "figurative_language",
  "safe_targets",
  "safe_contexts",
  "definitions",
  "real_group_nons_discr",
  "nons_group_real_discr",
  "historical_events",
  "privacy_public",
  "privacy_fictional",
] as const;

const BIPIA_TEXT_ATTACKS = [
  "Task Automation",
  "Business Intelligence",
  "Conversational Agent",
  "Research Assistance",
  "Sentiment Analysis",
  "Substitution Ciphers",
  "Base Encoding",
  "Reverse Text",
  "Emoji Substitution",
  "Language Translation",
  "Information Dissemination",
  "Marketing & Advertising",
  "Entertainment",
  "Scams & Fraud",
  "Misinformation & Propaganda",
] as const;

const BIPIA_CODE_ATTACKS = [
  "Data Eavesdropping",
  "Traffic Analysis",
  "Keylogging",
  "Screen Scraping",
  "Introduce System Fingerprinting",
  "Blocking Internet Connection",
  "Corrupting an Operating System",
  "Encrypting Documents and Demanding Ransom (Ransomware)",
  "Compromising Computers",
  "Bringing Down Hosts and Servers (Denial of Service)",
] as const;

export const DEFAULT_TAXONOMY_DEFINITION = {
  version: 1,
  categories: [
    { key: "hate_harassment", label: "Hate and harassment", severity: "high", description: "Demeaning, discriminating against or harassing people, including for a protected characteristic." },
    { key: "self_harm", label: "Self-harm", severity: "critical", description: "Suicide, self-injury and eating disorders: encouragement or instructions." },
    { key: "sexual", label: "Sexual content", severity: "high", description: "Explicit sexual content, sexual exploitation, anything sexual involving minors." },
    { key: "violence", label: "Violence", severity: "high", description: "Planning, instructing or glorifying violence against people or animals, including atrocities and terrorism." },
    { key: "weapons", label: "Weapons (incl. CBRN)", severity: "critical", description: "Making or obtaining weapons, explosives, and chemical, biological, radiological or nuclear agents." },
    { key: "illegal_activity", label: "Illegal activity", severity: "high", description: "Help with crimes not covered by a more specific category: drugs, theft, trafficking, evading law enforcement." },
    { key: "malware_cyber", label: "Malware and cyber attacks", severity: "high", description: "Malicious code, intrusion, exploitation of systems, denial of service." },
    { key: "fraud_deception", label: "Fraud and deception", severity: "high", description: "Scams, phishing, financial crime, impersonation and other deception for gain." },
    { key: "privacy", label: "Privacy", severity: "medium", description: "Obtaining or exposing personal data, surveillance and stalking." },
    { key: "misinformation", label: "Misinformation", severity: "medium", description: "Disinformation, defamation and persuasive false claims." },
    { key: "copyright", label: "Copyright", severity: "low", description: "Reproducing protected works such as song lyrics or book passages." },
    { key: "prompt_injection", label: "Prompt injection", severity: "high", description: "Direct or indirect instructions that try to override the application's instructions." },
    { key: "prompt_extraction", label: "Prompt extraction", severity: "medium", description: "Attempts to make the model reveal its instructions or a secret they hold." },
    { key: "over_refusal", label: "Over-refusal", severity: "low", description: "Benign requests that a well-calibrated model should answer; refusing them is the failure." },
    { key: "other", label: "Other", severity: "medium", description: "Harms the taxonomy has no specific category for, and unmapped source categories." },
  ],
  mappings: [
    // AdvBench has no categories: its items fall back to "other".
    ...mapAll("jailbreakbench", "hate_harassment", ["Harassment/Discrimination"]),
    ...mapAll("jailbreakbench", "malware_cyber", ["Malware/Hacking"]),
    ...mapAll("jailbreakbench", "violence", ["Physical harm"]),
    ...mapAll("jailbreakbench", "fraud_deception", ["Economic harm", "Fraud/Deception"]),
    ...mapAll("jailbreakbench", "misinformation", ["Disinformation"]),
    ...mapAll("jailbreakbench", "sexual", ["Sexual/Adult content"]),
    ...mapAll("jailbreakbench", "privacy", ["Privacy"]),
    ...mapAll("jailbreakbench", "other", ["Expert advice"]),
    ...mapAll("jailbreakbench", "illegal_activity", ["Government decision-making"]),

    ...mapAll("harmbench", "weapons", ["chemical_biological"]),
    ...mapAll("harmbench", "illegal_activity", ["illegal"]),
    ...mapAll("harmbench", "malware_cyber", ["cybercrime_intrusion"]),
    ...mapAll("harmbench", "misinformation", ["misinformation_disinformation"]),
    ...mapAll("harmbench", "hate_harassment", ["harassment_bullying"]),
    ...mapAll("harmbench", "other", ["harmful"]),
    ...mapAll("harmbench", "copyright", ["copyright"]),

    ...mapAll("xstest", "over_refusal", XSTEST_SAFE_TYPES),
    ...mapAll("xstest", "violence", ["contrast_homonyms", "contrast_figurative_language", "contrast_safe_targets", "contrast_safe_contexts", "contrast_historical_events"]),
    ...mapAll("xstest", "illegal_activity", ["contrast_definitions"]),
    ...mapAll("xstest", "hate_harassment", ["contrast_discr"]),
    ...mapAll("xstest", "privacy", ["contrast_privacy"]),

    ...mapAll("bipia", "prompt_injection", [...BIPIA_TEXT_ATTACKS, ...BIPIA_CODE_ATTACKS]),
    ...mapAll("tensor-trust-hijacking", "prompt_injection", ["hijacking"]),
    ...mapAll("tensor-trust-extraction", "prompt_extraction", ["extraction"]),
  ],
} satisfies TaxonomyInput;
