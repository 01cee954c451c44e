#include "koshin/diagnostics.hpp"

#include <limits>
#include <set>
#include <vector>

namespace koshin {

Json error_to_json(const Error& e) {
  Json j = Json::object();
  j["code"] = e.code;
  j["pointer"] = e.pointer;
  j["key"] = e.key();
  if (!e.expected.empty()) j["expected"] = e.expected;
  if (!e.file.empty()) j["file"] = e.file;
  return j;
}

void Diagnostics::add(std::string code, std::string pointer, std::string expected) {
  if (errors_.size() > kMaxErrors) return;
  if (errors_.size() == kMaxErrors) {
    errors_.push_back(
        Error{"too_many_errors", "", "fewer errors; the first " + std::to_string(kMaxErrors) + " are listed", file_});
    return;
  }
  if (pointer.size() > 1024) pointer = pointer.substr(0, 1024);  // a pointer into absurd nesting
  errors_.push_back(Error{std::move(code), std::move(pointer), std::move(expected), file_});
}

std::string pointer_append(const std::string& pointer, std::string_view token) {
  std::string out = pointer;
  out += '/';
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string pointer_append(const std::string& pointer, std::size_t index) {
  return pointer + "/" + std::to_string(index);
}

namespace {

// One SAX pass that builds the document as nlohmann's own DOM parser would, finds keys repeated
// within one object (nlohmann would keep one of them silently; an input that says two things
// must be an error instead) with their JSON pointer, and remembers where parsing failed.
// One pass and one handler type keep a single instantiation of nlohmann's parser in the build.
class DomBuilder {
 public:
  explicit DomBuilder(Json& root) : root_(root) {}

  std::vector<std::string> duplicates;
  std::size_t error_position = 0;

  bool null() { return add(Json(nullptr)); }
  bool boolean(bool b) { return add(Json(b)); }
  bool number_integer(Json::number_integer_t n) { return add(Json(n)); }
  bool number_unsigned(Json::number_unsigned_t n) { return add(Json(n)); }
  bool number_float(Json::number_float_t n, const Json::string_t&) { return add(Json(n)); }
  bool string(Json::string_t& s) { return add(Json(s)); }
  bool binary(Json::binary_t&) { return false; }  // JSON text has no binary values
  bool start_object(std::size_t) {
    stack_.push_back(Frame{add_container(Json::object()), {}});
    return true;
  }
  bool key(Json::string_t& k) {
    Frame& top = stack_.back();
    if (top.value->contains(k) && duplicates.size() <= Diagnostics::kMaxErrors) {
      duplicates.push_back(pointer_append(path(), k));
    }
    top.key = k;
    return true;
  }
  bool end_object() {
    stack_.pop_back();
    return true;
  }
  bool start_array(std::size_t) {
    stack_.push_back(Frame{add_container(Json::array()), {}});
    return true;
  }
  bool end_array() {
    stack_.pop_back();
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) {
    error_position = position;
    return false;
  }

 private:
  struct Frame {
    Json* value;
    std::string key;  // objects: the key of the value being read
  };

  Json* add_container(Json&& value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Frame& parent = stack_.back();
    if (parent.value->is_array()) {
      parent.value->push_back(std::move(value));
      return &parent.value->back();
    }
    Json& slot = (*parent.value)[parent.key];
    slot = std::move(value);
    return &slot;
  }
  bool add(Json&& value) {
    add_container(std::move(value));
    return true;
  }
  // The pointer of the innermost open container.
  std::string path() const {
    std::string out;
    for (std::size_t i = 1; i < stack_.size(); ++i) {
      const Frame& parent = stack_[i - 1];
      out = parent.value->is_array() ? pointer_append(out, parent.value->size() - 1) : pointer_append(out, parent.key);
    }
    return out;
  }

  Json& root_;
  std::vector<Frame> stack_;
};

}  // namespace

std::optional<Json> parse_json_text(std::string_view text, Diagnostics& diag) {
  Json j;
  DomBuilder builder(j);
  if (Json::sax_parse(text.begin(), text.end(), &builder, nlohmann::detail::input_format_t::json, /*strict=*/true)) {
    for (const auto& ptr : builder.duplicates) diag.add("duplicate_key", ptr, "each key once per object");
    if (!builder.duplicates.empty()) return std::nullopt;
    return j;
  }
  diag.add(text.empty() ? "empty_input" : "invalid_json", "",
           "valid JSON (parse failed near byte " + std::to_string(builder.error_position) + ")");
  return std::nullopt;
}

std::string json_type_name(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::object:
      return "object";
    case Json::value_t::array:
      return "array";
    case Json::value_t::string:
      return "string";
    case Json::value_t::boolean:
      return "boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "integer";
    case Json::value_t::number_float:
      return "number";
    default:
      return "other";
  }
}

ObjectReader::ObjectReader(const Json* j, std::string pointer, Diagnostics& diag)
    : pointer_(std::move(pointer)), diag_(diag) {
  if (j == nullptr) return;
  if (!j->is_object()) {
    diag_.add("wrong_type", pointer_, "object, got " + json_type_name(*j));
    return;
  }
  object_ = j;
}

bool ObjectReader::has(std::string_view key) const {
  return object_ != nullptr && object_->find(key) != object_->end();
}

const Json* ObjectReader::get(std::string_view key, bool required) {
  if (object_ == nullptr) return nullptr;
  known_.emplace(key);
  const auto it = object_->find(key);
  if (it == object_->end()) {
    if (required) diag_.add("missing_field", child(key), "a value for \"" + std::string(key) + "\"");
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> read_string(const Json& j, const std::string& pointer, Diagnostics& diag) {
  if (!j.is_string()) {
    diag.add("wrong_type", pointer, "string, got " + json_type_name(j));
    return std::nullopt;
  }
  return j.get_ref<const std::string&>();
}

std::optional<Date> read_date(const Json& j, const std::string& pointer, Diagnostics& diag) {
  if (!j.is_string()) {
    diag.add("wrong_type", pointer, "date string YYYY-MM-DD, got " + json_type_name(j));
    return std::nullopt;
  }
  Date d;
  switch (parse_iso_date(j.get_ref<const std::string&>(), d)) {
    case DateParse::ok:
      return d;
    case DateParse::bad_format:
      diag.add("date_format", pointer, "date YYYY-MM-DD");
      break;
    case DateParse::impossible:
      diag.add("date_impossible", pointer, "a date that exists");
      break;
  }
  return std::nullopt;
}

std::optional<std::string> ObjectReader::string(std::string_view key, bool required) {
  const Json* v = get(key, required);
  if (v == nullptr) return std::nullopt;
  return read_string(*v, child(key), diag_);
}

std::optional<bool> ObjectReader::boolean(std::string_view key, bool required) {
  const Json* v = get(key, required);
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) {
    diag_.add("wrong_type", child(key), "boolean, got " + json_type_name(*v));
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<long long> ObjectReader::integer(std::string_view key, bool required, long long min, long long max) {
  const Json* v = get(key, required);
  if (v == nullptr) return std::nullopt;
  long long value = 0;
  if (v->is_number_integer()) {
    value = v->get<long long>();
  } else if (v->is_number_unsigned()) {
    const auto u = v->get<unsigned long long>();
    value = u > static_cast<unsigned long long>(std::numeric_limits<long long>::max())
                ? std::numeric_limits<long long>::max()
                : static_cast<long long>(u);
  } else {
    diag_.add("wrong_type", child(key), "integer, got " + json_type_name(*v));
    return std::nullopt;
  }
  if (value < min || value > max) {
    diag_.add("out_of_range", child(key), "integer from " + std::to_string(min) + " to " + std::to_string(max));
    return std::nullopt;
  }
  return value;
}

std::optional<Date> ObjectReader::date(std::string_view key, bool required) {
  const Json* v = get(key, required);
  if (v == nullptr) return std::nullopt;
  return read_date(*v, child(key), diag_);
}

ObjectReader ObjectReader::object(std::string_view key, bool required) {
  const Json* v = get(key, required);
  return ObjectReader(v, child(key), diag_);
}

std::vector<std::pair<const Json*, std::string>> ObjectReader::array(std::string_view key, bool required) {
  std::vector<std::pair<const Json*, std::string>> out;
  const Json* v = get(key, required);
  if (v == nullptr) return out;
  if (!v->is_array()) {
    diag_.add("wrong_type", child(key), "array, got " + json_type_name(*v));
    return out;
  }
  out.reserve(v->size());
  for (std::size_t i = 0; i < v->size(); ++i) {
    out.emplace_back(&(*v)[i], pointer_append(child(key), i));
  }
  return out;
}

void ObjectReader::finish() {
  if (object_ == nullptr) return;
  for (const auto& item : object_->items()) {
    if (item.key() != "$comment" && known_.find(item.key()) == known_.end()) {
      diag_.add("unknown_field", child(item.key()), "no such field here");
    }
  }
}

}  // namespace koshin
