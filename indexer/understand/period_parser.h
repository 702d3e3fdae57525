/** PeriodParser: the years a project runs, from the ways Swedish documents write a period. */
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "project.h"

namespace fynd {

/// How sure a found period is; a better tier replaces a worse one.
enum class PeriodTier {
  None,
  Publication,  ///< only a dated line ("21 januari 2020"): used when nothing better exists
  Single,       ///< a lone year in the text ("första gången år 2020")
  Range,        ///< an explicit period ("2020-01-02 - 2022-06-30", "från januari 2020 till juni 2022")
};

struct PeriodResult {
  PeriodTier tier = PeriodTier::None;
  std::vector<int> years;          ///< every year the project runs, ascending
  Period period;                   ///< first start and last end found
  std::vector<std::string> texts;  ///< the source words of each finding (evidence)
};

/// Recognises: ISO date ranges ("2020-01-02 - 2022-06-30", "2019–11–01 till 2023–05–31"),
/// "börjar 2020-01-02 och avslutas 2022-07-31", month ranges ("från januari 2020 till juni
/// 2022"), year ranges ("Genomförande, 2017-2019"), "2018 … under en treårsperiod", lone
/// years. Founding years ("Sedan år 2009") and goal years ("Agenda 2030") are never used;
/// dates of publication only when nothing else is found.
class PeriodParser {
 public:
  static PeriodResult parse(std::string_view text);
};

}  // namespace fynd
