#include "match_set.h"

#include <algorithm>
#include <deque>
#include <mutex>
#include <unordered_map>

namespace fynd {
namespace {

using Words = MatchSet::Words;
using Query = Xapian::Query;

/// What the unions of the process have found out about index revisions: whether every
/// document of term `t` is a document of term `d`. A few revisions are kept, each with a
/// bounded number of facts; a fact only saves reading, it never changes a set.
class SubsetFacts {
 public:
  static SubsetFacts& shared() {
    static SubsetFacts facts;
    return facts;
  }

  /// 1: t's documents are all d's; 0: not; -1: not known yet.
  int get(const std::string& revision, const std::string& t, const std::string& d) {
    const std::string key = t + '\0' + d;
    std::lock_guard lock(mutex_);
    for (const auto& [rev, facts] : revisions_) {
      if (rev != revision) continue;
      auto it = facts.find(key);
      return it == facts.end() ? -1 : (it->second ? 1 : 0);
    }
    return -1;
  }

  std::size_t count(const std::string& revision) {
    std::lock_guard lock(mutex_);
    for (const auto& [rev, facts] : revisions_) {
      if (rev == revision) return facts.size();
    }
    return 0;
  }

  void put(const std::string& revision, const std::string& t, const std::string& d, bool subset) {
    constexpr std::size_t kRevisions = 4;
    constexpr std::size_t kFactsPerRevision = std::size_t{1} << 16;
    std::lock_guard lock(mutex_);
    auto it = std::find_if(revisions_.begin(), revisions_.end(), [&](const auto& r) { return r.first == revision; });
    if (it == revisions_.end()) {
      revisions_.emplace_back(revision, std::unordered_map<std::string, bool>{});
      while (revisions_.size() > kRevisions) revisions_.pop_front();
      it = std::prev(revisions_.end());
    }
    if (it->second.size() >= kFactsPerRevision) it->second.clear();
    it->second.insert_or_assign(t + '\0' + d, subset);
  }

 private:
  std::mutex mutex_;
  std::deque<std::pair<std::string, std::unordered_map<std::string, bool>>> revisions_;
};

/// Walks one query tree over one database; every bitmap has the same number of words.
class Evaluator {
 public:
  Evaluator(const Xapian::Database& db, const std::string* revision)
      : db_(db), revision_(revision), words_(static_cast<std::size_t>(db.get_lastdocid()) / 64 + 1) {}

  /// The set of `q`, or nullopt if an operator in it is not known.
  std::optional<Words> eval(const Query& q) {
    switch (q.get_type()) {
      case Query::LEAF_MATCH_NOTHING: return Words(words_, 0);
      case Query::LEAF_TERM:
      case Query::LEAF_MATCH_ALL:
      case Query::OP_OR:
      case Query::OP_SYNONYM:
      case Query::OP_MAX: {
        Words out(words_, 0);
        if (!add_into(q, out, true)) return std::nullopt;
        return out;
      }
      case Query::OP_AND:
      case Query::OP_FILTER: return intersection(q);
      case Query::OP_AND_NOT: return difference(q);
      case Query::OP_AND_MAYBE:
      case Query::OP_SCALE_WEIGHT:
        // AND_MAYBE matches what its first subquery matches; the rest only weighs.
        if (q.get_num_subqueries() == 0) return std::nullopt;
        return eval(q.get_subquery(0));
      case Query::OP_XOR: {
        Words out(words_, 0);
        for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
          std::optional<Words> sub = eval(q.get_subquery(i));
          if (!sub) return std::nullopt;
          for (std::size_t w = 0; w < words_; ++w) out[w] ^= (*sub)[w];
        }
        return out;
      }
      case Query::OP_PHRASE:
      case Query::OP_NEAR:
      case Query::OP_VALUE_RANGE:
      case Query::OP_VALUE_GE:
      case Query::OP_VALUE_LE:
      case Query::OP_WILDCARD:
      case Query::OP_ELITE_SET:  // picks the best of its terms: not simply their OR
      case Query::LEAF_POSTING_SOURCE: return matched_by_xapian(q);
      default: return std::nullopt;
    }
  }

 private:
  void set(Words& out, Xapian::docid did) const {
    const std::size_t w = did >> 6;
    if (w < words_) out[w] |= std::uint64_t{1} << (did & 63);
  }

  void add_postings(const std::string& term, Words& out) const {
    for (auto p = db_.postlist_begin(term), end = db_.postlist_end(term); p != end; ++p) set(out, *p);
  }

  /// out |= the set of `q`; unions are flattened so that a term's postings go straight
  /// in (a weight factor changes no set). `fresh`: `out` is empty so far.
  bool add_into(const Query& q, Words& out, bool fresh = false) {
    std::vector<std::string> terms;
    std::vector<Query> others;
    if (!flatten(q, terms, others)) return false;
    if (revision_ != nullptr && fresh && terms.size() >= 2) {
      add_terms_learning(terms, out);
    } else {
      for (const std::string& t : terms) add_postings(t, out);
    }
    for (const Query& sub : others) {
      std::optional<Words> set = eval(sub);
      if (!set) return false;
      for (std::size_t w = 0; w < words_; ++w) out[w] |= (*set)[w];
    }
    return true;
  }

  /// The terms and other subqueries of a union, through nested unions and weight factors.
  static bool flatten(const Query& q, std::vector<std::string>& terms, std::vector<Query>& others) {
    switch (q.get_type()) {
      case Query::LEAF_MATCH_NOTHING: return true;
      case Query::LEAF_TERM: terms.push_back(*q.get_terms_begin()); return true;
      case Query::LEAF_MATCH_ALL: terms.emplace_back(); return true;  // "" lists every document
      case Query::OP_SCALE_WEIGHT:
        if (q.get_num_subqueries() == 0) return false;
        return flatten(q.get_subquery(0), terms, others);
      case Query::OP_OR:
      case Query::OP_SYNONYM:
      case Query::OP_MAX:
        for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
          if (!flatten(q.get_subquery(i), terms, others)) return false;
        }
        return true;
      default: others.push_back(q); return true;
    }
  }

  /// out (empty) |= the union of `terms`: the largest term's postings, then each other
  /// term's unless it is known to hold only documents of the largest; a term not yet known
  /// is checked against the largest's bitmap as its postings are read.
  void add_terms_learning(std::vector<std::string> terms, Words& out) {
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    std::size_t largest = 0;
    Xapian::doccount most = 0;
    for (std::size_t i = 0; i < terms.size(); ++i) {
      const Xapian::doccount tf = terms[i].empty() ? db_.get_doccount() : db_.get_termfreq(terms[i]);
      if (i == 0 || tf > most) {
        most = tf;
        largest = i;
      }
    }
    const std::string& d = terms[largest];
    add_postings(d, out);  // out is d's set until `extra` is merged
    Words extra;
    for (std::size_t i = 0; i < terms.size(); ++i) {
      if (i == largest) continue;
      const std::string& t = terms[i];
      const int known = SubsetFacts::shared().get(*revision_, t, d);
      if (known == 1) continue;
      if (extra.empty()) extra.assign(words_, 0);
      bool subset = true;
      for (auto p = db_.postlist_begin(t), end = db_.postlist_end(t); p != end; ++p) {
        const Xapian::docid did = *p;
        if (subset && !has(out, did)) subset = false;
        set(extra, did);
      }
      if (known == -1) SubsetFacts::shared().put(*revision_, t, d, subset);
    }
    if (!extra.empty()) {
      for (std::size_t w = 0; w < words_; ++w) out[w] |= extra[w];
    }
  }

  bool has(const Words& bits, Xapian::docid did) const {
    const std::size_t w = did >> 6;
    return w < words_ && ((bits[w] >> (did & 63)) & 1) != 0;
  }

  std::optional<Words> intersection(const Query& q) {
    std::optional<Words> out;
    const std::size_t n = q.get_num_subqueries();
    for (std::size_t i = 0; i < n; ++i) {
      const Query sub = q.get_subquery(i);
      // MatchAll beside other subqueries adds nothing to an intersection.
      if (sub.get_type() == Query::LEAF_MATCH_ALL && (out || i + 1 < n)) continue;
      std::optional<Words> s = eval(sub);
      if (!s) return std::nullopt;
      if (!out) {
        out = std::move(s);
        continue;
      }
      for (std::size_t w = 0; w < words_; ++w) (*out)[w] &= (*s)[w];
    }
    if (!out) return Words(words_, 0);
    return out;
  }

  std::optional<Words> difference(const Query& q) {
    const std::size_t n = q.get_num_subqueries();
    if (n == 0) return std::nullopt;
    std::optional<Words> out = eval(q.get_subquery(0));
    if (!out || n == 1) return out;
    Words excluded(words_, 0);
    for (std::size_t i = 1; i < n; ++i) {
      if (!add_into(q.get_subquery(i), excluded)) return std::nullopt;
    }
    for (std::size_t w = 0; w < words_; ++w) (*out)[w] &= ~excluded[w];
    return out;
  }

  /// A BoolWeight pass over just `q`: Xapian checks positions, values and expansions.
  Words matched_by_xapian(const Query& q) const {
    Words out(words_, 0);
    Xapian::Enquire enquire(db_);
    enquire.set_query(q);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const Xapian::MSet all = enquire.get_mset(0, db_.get_doccount());
    for (auto it = all.begin(); it != all.end(); ++it) set(out, *it);
    return out;
  }

  const Xapian::Database& db_;
  const std::string* revision_;  ///< see MatchSet::evaluate
  std::size_t words_;
};

}  // namespace

MatchSet::MatchSet(Words words) : words_(std::move(words)) {
  for (std::uint64_t w : words_) count_ += static_cast<Xapian::doccount>(std::popcount(w));
}

std::optional<MatchSet> MatchSet::evaluate(const Xapian::Database& db, const Xapian::Query& query,
                                           const std::string* revision) {
  Evaluator evaluator(db, revision);
  std::optional<Words> words = evaluator.eval(query);
  if (!words) return std::nullopt;
  return MatchSet(std::move(*words));
}

std::size_t MatchSet::learned_facts(const std::string& revision) { return SubsetFacts::shared().count(revision); }

std::vector<Xapian::docid> MatchSet::docids() const {
  std::vector<Xapian::docid> out;
  out.reserve(count_);
  for_each([&](Xapian::docid did) { out.push_back(did); });
  return out;
}

}  // namespace fynd
