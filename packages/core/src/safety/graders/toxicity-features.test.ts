import { describe, expect, it } from "vitest";
import { FEATURE_KIND_BIGRAM, FEATURE_KIND_CHAR, FEATURE_KIND_WORD, FeatureBuffer, extractFeatures, tokenTexts } from "./toxicity-features";

const HASH_BITS = 18;

/** The multiset of (kind, bucket) a text produces, order-free. */
function signature(text: string, maskIdentityTerms = true): string[] {
  const buffer = extractFeatures(text, HASH_BITS, new FeatureBuffer(), maskIdentityTerms);
  const features: string[] = [];
  for (let f = 0; f < buffer.featureCount; f++) features.push(`${buffer.featureKind[f]}:${buffer.featureBucket[f]}`);
  return features.sort();
}

function kindsOf(text: string): number[] {
  const buffer = extractFeatures(text, HASH_BITS, new FeatureBuffer());
  return Array.from(buffer.featureKind.subarray(0, buffer.featureCount));
}

describe("tokenisation", () => {
  it("finds words with their offsets in the original text, skipping retweet marks and HTML entities", () => {
    const text = "RT @someone: Don't   do THAT!! &amp; see https://t.co/x1 #tag 42 &#128514;";
    expect(tokenTexts(text)).toEqual(["@someone", "Don't", "do", "THAT", "see", "https://t.co/x1", "tag", "42"]);
    const buffer = extractFeatures(text, HASH_BITS, new FeatureBuffer());
    expect(text.slice(buffer.tokenStart[1], buffer.tokenEnd[1])).toBe("Don't");
  });

  it("keeps letters outside ASCII and treats emoji as separators", () => {
    expect(tokenTexts("Naïve café 😀 Ärger")).toEqual(["Naïve", "café", "Ärger"]);
  });

  it("keeps obfuscation marks inside a word but not at its end", () => {
    expect(tokenTexts("f*ck sh!t wow! b@d")).toEqual(["f*ck", "sh!t", "wow", "b@d"]);
  });
});

describe("normalisation", () => {
  it("undoes case, masked and look-alike spellings, apostrophes and stretched letters", () => {
    expect(signature("fuck")).toEqual(signature("FUCK"));
    expect(signature("f*ck")).toEqual(signature("fuck"));
    expect(signature("f**k")).toEqual(signature("fuck"));
    expect(signature("sh!t")).toEqual(signature("shit"));
    expect(signature("b1tch")).toEqual(signature("bitch"));
    expect(signature("fuuuuuck")).toEqual(signature("fuuck"));
    expect(signature("don't")).toEqual(signature("dont"));
  });

  it("maps every URL, mention and number to one placeholder each", () => {
    expect(signature("see http://a.example/x")).toEqual(signature("see www.b.example"));
    expect(signature("hi @alice")).toEqual(signature("hi @bob"));
    expect(signature("call 911")).toEqual(signature("call 12"));
  });
});

describe("features", () => {
  it("emits word unigrams, bigrams and character 3–5-grams into 2^bits buckets", () => {
    const buffer = extractFeatures("quick brown fox", HASH_BITS, new FeatureBuffer());
    const kinds = kindsOf("quick brown fox");
    expect(kinds.filter((k) => k === FEATURE_KIND_WORD)).toHaveLength(3);
    expect(kinds.filter((k) => k === FEATURE_KIND_BIGRAM)).toHaveLength(2);
    // "<quick>" has 7 symbols: 5 trigrams, 4 four-grams, 3 five-grams; likewise brown; "<fox>" gives 3 + 2 + 1.
    expect(kinds.filter((k) => k === FEATURE_KIND_CHAR)).toHaveLength(12 + 12 + 6);
    for (let f = 0; f < buffer.featureCount; f++) expect(buffer.featureBucket[f]).toBeLessThan(1 << HASH_BITS);
  });

  it("gives identity terms no features of their own, so they are interchangeable", () => {
    expect(signature("I am gay")).toEqual(signature("I am muslim"));
    expect(signature("they hate jews")).toEqual(signature("they hate immigrants"));
    expect(signature("I am gay", false)).not.toEqual(signature("I am muslim", false));
    expect(signature("I am a doctor")).not.toEqual(signature("I am a lawyer"));
  });

  it("gives function words a unigram but no character n-grams, and no bigram with each other", () => {
    expect(kindsOf("you are")).toEqual([FEATURE_KIND_WORD, FEATURE_KIND_WORD]);
    expect(kindsOf("you idiot").filter((k) => k === FEATURE_KIND_BIGRAM)).toHaveLength(1);
  });

  it("reuses its buffer: the same text gives the same features after a longer one", () => {
    const buffer = new FeatureBuffer();
    const first = Array.from(extractFeatures("short text", HASH_BITS, buffer).featureBucket.subarray(0, buffer.featureCount));
    extractFeatures("a much longer text ".repeat(500), HASH_BITS, buffer);
    const again = Array.from(extractFeatures("short text", HASH_BITS, buffer).featureBucket.subarray(0, buffer.featureCount));
    expect(again).toEqual(first);
  });
});
