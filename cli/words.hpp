// Words for the CLI's readable output (`koshin summary`, `koshin explain`): language packs and the
// rule data's own text. The core has no words; the CLI takes them from i18n/<lang>.json (residents'
// messages) and i18n/staff/<lang>.json (the staff review sheet).
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "koshin/diagnostics.hpp"
#include "koshin/json_text.hpp"

namespace koshin::cli {

inline bool read_file(const std::filesystem::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

// Messages from one or more packs ("key": "text {param}"). The messages the CLI uses take plain
// and typed arguments only, no plural or select: `{name}` and `{name, date}` are replaced by the
// parameter as the plan has it (ISO dates), a missing key shows as "[key]".
class Words {
 public:
  // Adds a pack's messages; a key already loaded is replaced. False when the file is unreadable
  // or not a JSON object.
  bool load(const std::filesystem::path& path) {
    std::string text;
    if (!read_file(path, text)) return false;
    Diagnostics diag(path.string());
    auto j = parse_json_text(text, diag);
    if (!j || !j->is_object()) return false;
    for (auto& item : j->items()) pack_[item.key()] = std::move(item.value());
    return true;
  }

  std::string operator()(const std::string& key, const Json& params = Json::object()) const {
    const auto it = pack_.find(key);
    if (it == pack_.end() || !it->is_string()) return "[" + key + "]";
    std::string out;
    const std::string& msg = it->get_ref<const std::string&>();
    for (std::size_t i = 0; i < msg.size(); ++i) {
      const auto close = msg.find('}', i);
      if (msg[i] == '{' && close != std::string::npos) {
        // {name} or a typed {name, date}: the CLI writes every value as the plan has it (ISO dates).
        std::string name = msg.substr(i + 1, close - i - 1);
        name = name.substr(0, name.find(','));
        const auto p = params.find(name);
        out += p == params.end() ? "{" + name + "}" : (p->is_string() ? p->get<std::string>() : write_json(*p));
        i = close;
      } else {
        out += msg[i];
      }
    }
    return out;
  }

 private:
  Json pack_ = Json::object();
};

// A municipality's own text ({"ja": ..., "en": ...}) in `lang`, else in Japanese, else empty.
inline std::string text_in(const Json& local, const std::string& lang) {
  if (!local.is_object()) return {};
  if (local.contains(lang) && local[lang].is_string()) return local[lang].get<std::string>();
  if (local.contains("ja") && local["ja"].is_string()) return local["ja"].get<std::string>();
  return {};
}

}  // namespace koshin::cli
