// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The words the benchmarks' synthetic interviews are made of: everyday AAI speech with some
// accented words, so that folding and diacritics matter as they do in real transcripts.

#include <string_view>
#include <vector>

namespace attune::bench
{

inline const std::vector<std::string_view>& interview_words()
{
    static const std::vector<std::string_view> words = {
        "mother",   "father",    "I",      "remember",    "when",     "was",     "little",
        "she",      "he",        "would",  "always",      "never",    "um",      "you",
        "know",     "like",      "the",    "a",           "house",    "school",  "garden",
        "angry",    "loving",    "warm",   "cold",        "rejected", "café",    "naïve",
        "über",     "très",      "déjà",   "grandmother", "summer",   "holiday", "hospital",
        "died",     "funeral",   "cried",  "hug",         "punished", "upset",   "alone",
        "sister",   "brother",   "friend", "teacher",     "really",   "just",    "and",
        "but",      "so",        "then",   "because",     "maybe",    "think",   "felt",
        "feel",     "nice",      "strict", "…",           "well",     "yes",     "no",
        "probably", "afterwards"};
    return words;
}

} // namespace attune::bench
