/**
 * Words that name a social group. The toxicity model never sees them as
 * features of their own: before hashing, each is replaced by one shared
 * placeholder that contributes no unigram or character n-gram, only word
 * bigrams with its neighbours ("hate <identity>", "<identity> people").
 *
 * Why: a model trained on crowd-labelled tweets learns that a group's name is
 * itself evidence of toxicity, because hateful tweets mention groups more often
 * than benign ones do (Dixon et al., "Measuring and Mitigating Unintended Bias
 * in Text Classification", AIES 2018). Masking the name removes that shortcut;
 * the model has to judge what is said about the group.
 *
 * What is on the list: unambiguous group names for sexual orientation, gender
 * identity, gender, race and ethnicity, the ToxiGen target groups' nationalities,
 * religion and disability, with plural forms. Slurs are NOT on it: a slur is
 * toxic by itself and the model must keep learning it. Words that are mostly
 * used in other senses (old, young, native, man, men) are not on it either, so
 * the model still reads "old code" normally; the bias check in docs/graders.md
 * reports those terms separately.
 *
 * "straight" was first left off for the same reason, and added after the
 * template check: in the training tweets it is mostly "straight up …", so the
 * model had learnt it as a toxicity signal and flagged nearly every benign
 * sentence about straight people. It is the one entry the bias test informed.
 */
export const IDENTITY_TERMS: readonly string[] = [
  // sexual orientation and gender identity
  "gay", "gays", "lesbian", "lesbians", "bisexual", "bisexuals", "homosexual", "homosexuals", "heterosexual", "heterosexuals",
  "asexual", "queer", "queers", "lgbt", "lgbtq", "lgbtqia", "transgender", "transgenders", "trans", "nonbinary", "cisgender", "cis",
  "intersex", "straight",
  // gender
  "female", "females", "male", "males", "woman", "women",
  // race, ethnicity and continental origin
  "black", "blacks", "white", "whites", "african", "africans", "asian", "asians", "european", "europeans", "hispanic", "hispanics",
  "latino", "latinos", "latina", "latinas", "latinx", "caucasian", "caucasians", "arab", "arabs", "indigenous", "aboriginal",
  // nationality and migration (the ToxiGen target groups)
  "american", "americans", "mexican", "mexicans", "chinese", "japanese", "korean", "koreans", "indian", "indians", "pakistani",
  "pakistanis", "immigrant", "immigrants", "refugee", "refugees",
  // religion
  "muslim", "muslims", "islam", "islamic", "jew", "jews", "jewish", "judaism", "christian", "christians", "christianity", "catholic",
  "catholics", "protestant", "protestants", "buddhist", "buddhists", "hindu", "hindus", "sikh", "sikhs", "atheist", "atheists",
  "mormon", "mormons",
  // disability and age
  "blind", "deaf", "disabled", "paralyzed", "paralysed", "autistic", "elderly",
];
