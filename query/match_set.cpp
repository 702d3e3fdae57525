#include "match_set.h"

namespace fynd {
namespace {

using Words = MatchSet::Words;
using Query = Xapian::Query;

/// Walks one query tree over one database; every bitmap has the same number of words.
class Evaluator {
 public:
  explicit Evaluator(const Xapian::Database& db)
      : db_(db), words_(static_cast<std::size_t>(db.get_lastdocid()) / 64 + 1) {}

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
        if (!add_into(q, out)) return std::nullopt;
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

  /// out |= the set of `q`; unions are flattened so that a term's postings go straight in.
  bool add_into(const Query& q, Words& out) {
    switch (q.get_type()) {
      case Query::LEAF_MATCH_NOTHING: return true;
      case Query::LEAF_TERM: add_postings(*q.get_terms_begin(), out); return true;
      case Query::LEAF_MATCH_ALL: add_postings(std::string(), out); return true;
      case Query::OP_OR:
      case Query::OP_SYNONYM:
      case Query::OP_MAX:
        for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
          if (!add_into(q.get_subquery(i), out)) return false;
        }
        return true;
      default: {
        std::optional<Words> sub = eval(q);
        if (!sub) return false;
        for (std::size_t w = 0; w < words_; ++w) out[w] |= (*sub)[w];
        return true;
      }
    }
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
  std::size_t words_;
};

}  // namespace

MatchSet::MatchSet(Words words) : words_(std::move(words)) {
  for (std::uint64_t w : words_) count_ += static_cast<Xapian::doccount>(std::popcount(w));
}

std::optional<MatchSet> MatchSet::evaluate(const Xapian::Database& db, const Xapian::Query& query) {
  Evaluator evaluator(db);
  std::optional<Words> words = evaluator.eval(query);
  if (!words) return std::nullopt;
  return MatchSet(std::move(*words));
}

std::vector<Xapian::docid> MatchSet::docids() const {
  std::vector<Xapian::docid> out;
  out.reserve(count_);
  for_each([&](Xapian::docid did) { out.push_back(did); });
  return out;
}

}  // namespace fynd
