// Averaged structured perceptron training (Collins 2002) with Viterbi decoding.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/ner/conll.h"
#include "common/ner/gazetteer.h"
#include "common/ner/model.h"

namespace newsindex::ner {

struct TrainOptions {
    std::uint32_t seed = 1;  // sentence order shuffle per epoch
    int epochs = 10;
    std::uint32_t hash_bits = 18;
    // Called after each epoch with a one-line progress message; may be empty.
    std::function<void(const std::string&)> progress;
};

// Deterministic for given data, gazetteer and options (own PRNG and shuffle, single thread).
Model train(const std::vector<LabeledSentence>& data, Gazetteer gazetteer,
            const TrainOptions& options);

}  // namespace newsindex::ner
