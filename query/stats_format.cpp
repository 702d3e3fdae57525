#include "stats_format.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "error.h"
#include "text.h"

namespace fynd {
namespace {

constexpr std::string_view kNoValue = "(uppgift saknas)";

std::string key_label(const std::string& key) { return key.empty() ? std::string(kNoValue) : key; }

std::string row_label(const StatsRow& row) {
  std::string out;
  for (const std::string& k : row.keys) out += (out.empty() ? "" : " · ") + key_label(k);
  return out;
}

std::string money(double v) {
  std::ostringstream ss;
  ss << std::fixed << std::setprecision(0) << v;
  std::string digits = ss.str();
  const bool negative = !digits.empty() && digits[0] == '-';
  if (negative) digits.erase(0, 1);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ' ';
    out += digits[i];
  }
  return (negative ? "-" : "") + out;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string title_of(const StatsResult& r) {
  std::string t = "Antal projekt per " + std::string(facet_label_sv(r.by.at(0)));
  if (r.by.size() > 1) t += " och " + std::string(facet_label_sv(r.by[1]));
  if (!r.query.empty()) t += " – ”" + r.query + "”";
  return t;
}

/// "budget jämnt fördelad över projektets år (totalt …); antal = projekt som pågår respektive år; …"
std::string legend_of(const StatsResult& r) {
  return budget_label_sv(r) + " (totalt " + money(static_cast<double>(r.budget_sum)) + " kr, " + std::to_string(r.total) +
         " projekt); " + count_label_sv(r) + ".";
}

std::string table(const StatsResult& r) {
  std::vector<std::vector<std::string>> cells;
  std::vector<std::string> header;
  for (Facet f : r.by) header.emplace_back(facet_label_sv(f));
  header.emplace_back("antal");
  header.emplace_back(r.budget_by == BudgetBy::Start ? "budget, startår (kr)" : "budget, fördelad (kr)");
  header.emplace_back("median (kr)");
  cells.push_back(header);
  for (const StatsRow& row : r.rows) {
    std::vector<std::string> line;
    for (const std::string& k : row.keys) line.push_back(key_label(k));
    line.push_back(std::to_string(row.count));
    line.push_back(row.with_budget > 0 ? money(static_cast<double>(row.budget_sum)) : "–");
    line.push_back(row.budget_median ? money(*row.budget_median) : "–");
    cells.push_back(line);
  }
  // The total: each project once; its budget column is the sum of the rows above.
  std::vector<std::string> total_line{"totalt"};
  for (std::size_t k = 1; k < r.by.size(); ++k) total_line.emplace_back();
  total_line.push_back(std::to_string(r.total));
  total_line.push_back(r.with_budget > 0 ? money(static_cast<double>(r.budget_sum)) : "–");
  total_line.push_back(r.budget_median ? money(*r.budget_median) : "–");
  cells.push_back(total_line);
  std::vector<std::size_t> width(header.size(), 0);
  for (const auto& line : cells) {
    for (std::size_t c = 0; c < line.size(); ++c) width[c] = std::max(width[c], text::length(line[c]));
  }
  const std::size_t keys = r.by.size();
  std::ostringstream out;
  out << title_of(r) << " (" << budget_label_sv(r) << ")\n"
      << r.total << " projekt, total budget " << money(static_cast<double>(r.budget_sum)) << " kr; "
      << count_label_sv(r) << "\n\n";
  for (std::size_t i = 0; i < cells.size(); ++i) {
    for (std::size_t c = 0; c < cells[i].size(); ++c) {
      const std::string pad(width[c] - text::length(cells[i][c]), ' ');
      if (c > 0) out << "  ";
      out << (c < keys ? cells[i][c] + pad : pad + cells[i][c]);
    }
    out << "\n";
    if (i == 0 || i + 2 == cells.size()) {
      std::size_t total = 0;
      for (std::size_t w : width) total += w + 2;
      out << std::string(total - 2, '-') << "\n";
    }
  }
  return out.str();
}

std::string csv(const StatsResult& r) {
  std::ostringstream out;
  for (Facet f : r.by) out << Schema::facet_name(f) << ",";
  // The budget column names how budgets were shared out: budget_sum_spread / budget_sum_start.
  out << "count,budget_sum_" << budget_by_name(r.budget_by) << ",budget_median\n";
  for (const StatsRow& row : r.rows) {
    for (const std::string& k : row.keys) out << csv_field(k) << ",";
    out << row.count << "," << (row.with_budget > 0 ? std::to_string(row.budget_sum) : "") << ",";
    if (row.budget_median) out << std::fixed << std::setprecision(0) << *row.budget_median;
    out << "\n";
  }
  out << "(totalt),";
  for (std::size_t k = 1; k < r.by.size(); ++k) out << ",";
  out << r.total << "," << (r.with_budget > 0 ? std::to_string(r.budget_sum) : "") << ",";
  if (r.budget_median) out << std::fixed << std::setprecision(0) << *r.budget_median;
  out << "\n";
  return out.str();
}

struct Bar {
  std::string label;
  std::uint64_t count = 0;
};

/// Bars to draw: a row per group; by year alone, one per year from first to last (gaps 0).
std::vector<Bar> bars_of(const StatsResult& r) {
  std::vector<Bar> bars;
  if (r.by.size() == 1 && r.by[0] == Facet::Year) {
    int lo = 0;
    int hi = 0;
    std::map<int, std::uint64_t> by_year;
    std::uint64_t unknown = 0;
    for (const StatsRow& row : r.rows) {
      if (row.keys[0].empty()) {
        unknown += row.count;
        continue;
      }
      const int y = std::atoi(row.keys[0].c_str());
      by_year[y] += row.count;
      if (lo == 0 || y < lo) lo = y;
      hi = std::max(hi, y);
    }
    if (lo != 0 && hi - lo < 200) {
      for (int y = lo; y <= hi; ++y) bars.push_back({std::to_string(y), by_year.count(y) ? by_year[y] : 0});
    }
    if (unknown > 0) bars.push_back({std::string(kNoValue), unknown});
    return bars;
  }
  for (const StatsRow& row : r.rows) bars.push_back({row_label(row), row.count});
  return bars;
}

std::string num(double v) {
  std::ostringstream ss;
  ss << std::fixed << std::setprecision(1) << v;
  return ss.str();
}

std::string svg(const StatsResult& r) {
  const std::vector<Bar> bars = bars_of(r);
  std::uint64_t max = 1;
  for (const Bar& b : bars) max = std::max(max, b.count);
  const std::string title = xml_escape(title_of(r));
  std::ostringstream out;
  const bool timeline = r.by.size() == 1 && r.by[0] == Facet::Year;
  if (timeline) {
    // Columns left to right, one per year, with a line through their tops.
    const double col = 44;
    const double left = 70, top = 60, plot_h = 260;
    const double width = std::max(720.0, left + col * static_cast<double>(std::max<std::size_t>(bars.size(), 1)) + 30);
    const double height = top + plot_h + 70;
    out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << num(width) << "\" height=\"" << num(height)
        << "\" viewBox=\"0 0 " << num(width) << " " << num(height) << "\" font-family=\"sans-serif\" font-size=\"12\">\n";
    out << "  <title>" << title << "</title>\n";
    out << "  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
    out << "  <text x=\"" << num(width / 2) << "\" y=\"28\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">" << title << "</text>\n";
  out << "  <text class=\"legend\" x=\"" << num(width / 2) << "\" y=\"46\" text-anchor=\"middle\" font-size=\"11\">"
      << xml_escape(legend_of(r)) << "</text>\n";
    out << "  <line x1=\"" << num(left) << "\" y1=\"" << num(top + plot_h) << "\" x2=\"" << num(width - 20) << "\" y2=\"" << num(top + plot_h) << "\" stroke=\"#333\"/>\n";
    out << "  <line x1=\"" << num(left) << "\" y1=\"" << num(top) << "\" x2=\"" << num(left) << "\" y2=\"" << num(top + plot_h) << "\" stroke=\"#333\"/>\n";
    out << "  <text x=\"18\" y=\"" << num(top + plot_h / 2) << "\" text-anchor=\"middle\" transform=\"rotate(-90 18 " << num(top + plot_h / 2) << ")\">Antal projekt</text>\n";
    out << "  <text x=\"" << num(left + (width - left) / 2) << "\" y=\"" << num(height - 12) << "\" text-anchor=\"middle\">År</text>\n";
    std::string points;
    for (std::size_t i = 0; i < bars.size(); ++i) {
      const double h = plot_h * static_cast<double>(bars[i].count) / static_cast<double>(max);
      const double x = left + col * static_cast<double>(i) + 6;
      const double y = top + plot_h - h;
      out << "  <g class=\"bar\"><rect x=\"" << num(x) << "\" y=\"" << num(y) << "\" width=\"" << num(col - 12) << "\" height=\"" << num(h)
          << "\" fill=\"#4a7ab5\"><title>" << xml_escape(bars[i].label) << ": " << bars[i].count << "</title></rect>";
      out << "<text x=\"" << num(x + (col - 12) / 2) << "\" y=\"" << num(y - 4) << "\" text-anchor=\"middle\">" << bars[i].count << "</text>";
      out << "<text x=\"" << num(x + (col - 12) / 2) << "\" y=\"" << num(top + plot_h + 16) << "\" text-anchor=\"middle\">" << xml_escape(bars[i].label) << "</text></g>\n";
      points += (points.empty() ? "" : " ") + num(x + (col - 12) / 2) + "," + num(y);
    }
    if (bars.size() > 1) out << "  <polyline points=\"" << points << "\" fill=\"none\" stroke=\"#d0602a\" stroke-width=\"2\"/>\n";
    out << "</svg>\n";
    return out.str();
  }
  // Horizontal bars, labels on the left, counts at the bar ends.
  const double row_h = 24, label_w = 300, plot_w = 420, top = 60;
  const double width = label_w + plot_w + 80;
  const double height = top + row_h * static_cast<double>(bars.size()) + 60;
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << num(width) << "\" height=\"" << num(height)
      << "\" viewBox=\"0 0 " << num(width) << " " << num(height) << "\" font-family=\"sans-serif\" font-size=\"12\">\n";
  out << "  <title>" << title << "</title>\n";
  out << "  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  out << "  <text x=\"" << num(width / 2) << "\" y=\"28\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">" << title << "</text>\n";
  out << "  <text class=\"legend\" x=\"" << num(width / 2) << "\" y=\"46\" text-anchor=\"middle\" font-size=\"11\">"
      << xml_escape(legend_of(r)) << "</text>\n";
  out << "  <text x=\"" << num(label_w - 8) << "\" y=\"" << num(top - 10) << "\" text-anchor=\"end\" font-weight=\"bold\">"
      << xml_escape(std::string(facet_label_sv(r.by[0])) + (r.by.size() > 1 ? " · " + std::string(facet_label_sv(r.by[1])) : ""))
      << "</text>\n";
  const double axis_y = top + row_h * static_cast<double>(bars.size());
  out << "  <line x1=\"" << num(label_w) << "\" y1=\"" << num(top) << "\" x2=\"" << num(label_w) << "\" y2=\"" << num(axis_y) << "\" stroke=\"#333\"/>\n";
  out << "  <line x1=\"" << num(label_w) << "\" y1=\"" << num(axis_y) << "\" x2=\"" << num(label_w + plot_w) << "\" y2=\"" << num(axis_y) << "\" stroke=\"#333\"/>\n";
  out << "  <text x=\"" << num(label_w + plot_w / 2) << "\" y=\"" << num(axis_y + 30) << "\" text-anchor=\"middle\">Antal projekt</text>\n";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const double y = top + row_h * static_cast<double>(i);
    const double w = plot_w * static_cast<double>(bars[i].count) / static_cast<double>(max);
    std::string label = bars[i].label;
    if (text::length(label) > 45) {
      std::size_t cut = 0;
      for (std::size_t n = 0; cut < label.size() && n < 44; ++n) {
        ++cut;
        while (cut < label.size() && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) ++cut;
      }
      label = label.substr(0, cut) + "…";
    }
    out << "  <g class=\"bar\"><text x=\"" << num(label_w - 8) << "\" y=\"" << num(y + row_h * 0.65) << "\" text-anchor=\"end\">"
        << xml_escape(label) << "</text>";
    out << "<rect x=\"" << num(label_w) << "\" y=\"" << num(y + 3) << "\" width=\"" << num(w) << "\" height=\"" << num(row_h - 6)
        << "\" fill=\"#4a7ab5\"><title>" << xml_escape(bars[i].label) << ": " << bars[i].count << "</title></rect>";
    out << "<text x=\"" << num(label_w + w + 6) << "\" y=\"" << num(y + row_h * 0.65) << "\">" << bars[i].count << "</text></g>\n";
  }
  out << "</svg>\n";
  return out.str();
}

}  // namespace

std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // Control characters are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') {
          out += ' ';
        } else {
          out.push_back(c);
        }
    }
  }
  return out;
}

StatsFormat stats_format_from_name(std::string_view name) {
  if (name == "table") return StatsFormat::Table;
  if (name == "json") return StatsFormat::Json;
  if (name == "csv") return StatsFormat::Csv;
  if (name == "svg") return StatsFormat::Svg;
  throw QueryError("format: expected table, json, csv or svg, got '" + std::string(name) + "'");
}

std::string format_stats(const StatsResult& result, StatsFormat format) {
  switch (format) {
    case StatsFormat::Table: return table(result);
    case StatsFormat::Json: return nlohmann::json(result).dump(2) + "\n";
    case StatsFormat::Csv: return csv(result);
    case StatsFormat::Svg: return svg(result);
  }
  return table(result);
}

}  // namespace fynd
