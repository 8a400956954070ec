// Averaged structured perceptron training (Collins 2002) with Viterbi decoding.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/ner/gazetteer.h"
#include "common/ner/model.h"
#include "common/ner_train/conll.h"

namespace newsindex::ner {

struct TrainOptions {
    std::uint32_t seed = 1;  // sentence order shuffle per epoch
    int epochs = 10;
    std::uint32_t hash_bits = 18;
    // The language of the training text, kept in the model (Model::language).
    std::string language = "en";
    // Called after each epoch with a one-line progress message; may be empty.
    std::function<void(const std::string&)> progress;
};

// Title conventions differ between the training sets: GMB puts "Mr."/"President" inside
// person spans (mostly), GUM/wikigold/re3d/UNER leave them out. For sentences of a set
// that leaves them out, the title words right before a person name are made latent
// (O, B-PER or I-PER allowed) and the name's first word may be B-PER or I-PER, so that
// set teaches nothing about titles and the convention comes from the GMB data alone.
// Returns the number of title tokens freed.
long free_title_labels(LabeledSentence& s);

// GMB noise: a person chunk made only of an honorific ("Mr./B-PER") directly followed by
// an ORG/LOC chunk ("Haradinaj/B-ORG") - the name typed wrong by GMB's tagger. The name
// joins the person chunk. Returns the number of chunks merged.
long merge_honorific_chunks(LabeledSentence& s);

// The other way to reconcile the sets: titles never belong to person names. Leading title
// words of every person chunk become O ("President/B-PER Bush/I-PER" ->
// "President/O Bush/B-PER"; a chunk of titles only goes). That is the convention of
// GUM, re3d, UNER and wikigold, and what the extractor keeps anyway. Returns the number of
// title tokens stripped.
long strip_leading_titles(LabeledSentence& s);

// The sentence with every word in upper case and the same labels. Wire services write
// headlines in capitals ("TREASURY'S BAKER REITERATES ..."); training on such copies
// teaches the tagger names without their capital letters to go by.
LabeledSentence upper_cased(LabeledSentence s);

// Deterministic for given data, gazetteer and options (own PRNG and shuffle, single thread).
// `clusters` (may be empty) are baked into the model for the cluster features.
Model train(const std::vector<LabeledSentence>& data, Gazetteer gazetteer,
            const TrainOptions& options, WordClusters clusters = {});

}  // namespace newsindex::ner
