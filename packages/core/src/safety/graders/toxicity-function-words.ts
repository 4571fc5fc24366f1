/**
 * Pronouns, auxiliaries, determiners, prepositions, conjunctions and
 * discourse fillers (with their tweet spellings). They say who is addressed
 * and how a sentence is built, not what is said about anyone; but in the
 * training tweets "you", "are" and "ok" are far more common in insults than in
 * neutral tweets, so an unconstrained model learns "You are a great actor" as
 * toxic. The trainer gives their unigrams 30 times the L2 penalty of other
 * features (they must earn their weight with much more evidence), and the
 * extractor gives them no character n-grams and no bigram with another
 * function word ("you are", "is a"). Bigrams with a content word ("you idiot",
 * "kill yourself") are kept: that is where the toxicity is.
 */
export const FUNCTION_WORDS: readonly string[] = [
  // pronouns
  "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "yourselves", "u", "ur",
  "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them", "their", "theirs", "themselves",
  "what", "which", "who", "whom", "this", "that", "these", "those",
  // auxiliaries and contractions
  "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "can", "will",
  "would", "should", "could", "im", "youre", "dont", "thats", "its", "ive", "id", "ill", "cant", "wont", "didnt", "doesnt", "isnt",
  "arent", "wasnt", "werent", "couldnt", "shouldnt", "wouldnt", "havent", "hasnt", "hadnt", "theyre", "hes", "shes", "whats",
  "theres", "lets",
  // determiners, prepositions, conjunctions
  "a", "an", "the", "and", "but", "if", "or", "because", "as", "until", "while", "of", "at", "by", "for", "with", "about", "between",
  "into", "through", "during", "before", "after", "above", "below", "to", "from", "up", "down", "in", "out", "on", "off", "over",
  "under", "again", "then", "once", "here", "there", "when", "where", "why", "how", "all", "any", "both", "each", "some", "such", "no",
  "nor", "not", "only", "same", "so", "than", "too", "very", "just", "now",
  // discourse fillers
  "ok", "okay", "oh", "yes", "yeah", "well",
];

/** How many times the base L2 penalty a function word's unigram weight pays. */
export const FUNCTION_WORD_L2_SCALE = 30;
