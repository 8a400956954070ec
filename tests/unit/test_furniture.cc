#include <doctest/doctest.h>

#include "common/read/furniture.h"

using newsindex::readers::is_furniture;
using newsindex::readers::strip_trailing_credit;

TEST_CASE("furniture: credits, bylines and widgets, not story sentences") {
    for (const char* line :
         {"Photo by Joan Bardeletti", "Photos by cmgirl (Shutterstock), Macrovector (Shutterstock)",
          "CreditCreditChang W. Lee/The New York Times", "Devindra Hardawar/AOL",
          "Chang W. Lee/The New York Times", "Portrait by George Del Barrio", "(Artist: Elearia)",
          "Fernando Caudevilla, AKA DoctorX. Photo: Joseph Cox",
          "Even luxury hotels aren't always cleaned Getty Images", "By Bradley M. Kuhn",
          "Posted on Tuesday 15 October 2019 at 09:11 by Bradley M. Kuhn.",
          "Follow Backchannel: Twitter | Facebook", "SIGN UP FOR OUR NEWSLETTER",
          "Sign up for Command Line, a paid weekly newsletter from Alex Heath.", "ADVERTISING"})
        CHECK_MESSAGE(is_furniture(line), line);
    for (const char* line :
         {"By Monday, the rebels had fled the capital.", "N/A", "Introductions/Shout-Outs",
          "Add-ons / Web Extensions", "Follow the money, the senator said.",
          "The photo by the river won a prize.", "Mayor Maria Gonzalvez said the plan would work.",
          "See https://example.com/A/B for more."})
        CHECK_FALSE_MESSAGE(is_furniture(line), line);
}

TEST_CASE("furniture: a subtitle loses its image credit") {
    CHECK(strip_trailing_credit("as often as they should be Getty Images") ==
          "as often as they should be");
    CHECK(strip_trailing_credit("Workers at the site. Photo: Jane Doe") == "Workers at the site.");
    CHECK(strip_trailing_credit("Oil prices rose on Monday.") == "Oil prices rose on Monday.");
}
