#include "koshin/diagnostics.hpp"

#include <limits>
#include <set>
#include <vector>

namespace koshin {

Json error_to_json(const Error& e) {
  Json j = Json(Json::value_t::object);
  j["code"] = e.code;
  j["pointer"] = e.pointer;
  j["key"] = e.key();
  if (!e.expected.empty()) j["expected"] = e.expected;
  if (!e.file.empty()) j["file"] = e.file;
  return j;
}

void Diagnostics::add(const char* code, const std::string& pointer, std::string expected) {
  if (errors_.size() > kMaxErrors) return;
  if (errors_.size() == kMaxErrors) {
    errors_.push_back(
        Error{"too_many_errors", "", "fewer errors; the first " + std::to_string(kMaxErrors) + " are listed", file_});
    return;
  }
  std::size_t cut = pointer.size();
  if (cut > 1024) {  // a pointer into absurd nesting, cut where a character starts
    cut = 1024;
    while (cut > 0 && (static_cast<unsigned char>(pointer[cut]) & 0xC0) == 0x80) --cut;
  }
  errors_.push_back(Error{code, pointer.substr(0, cut), std::move(expected), file_});
}

void Diagnostics::add(const char* code, const std::string& pointer, const char* expected) {
  add(code, pointer, std::string(expected));
}

void Diagnostics::add(const char* code, const char* pointer, const char* expected) {
  add(code, std::string(pointer), std::string(expected));
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

namespace {

// `wrong_type` for a value of another type: "<expected>, got <type>".
void add_wrong_type(Diagnostics& diag, const std::string& pointer, const char* expected, const Json& j) {
  diag.add("wrong_type", pointer, std::string(expected) + ", got " + json_type_name(j));
}

}  // namespace

ObjectReader::ObjectReader(const Json* j, const std::string& pointer, Diagnostics& diag)
    : pointer_(pointer), diag_(diag) {
  if (j == nullptr) return;
  if (!j->is_object()) {
    add_wrong_type(diag_, pointer_, "object", *j);
    return;
  }
  object_ = j;
}

std::string ObjectReader::child(const char* key) const { return pointer_append(pointer_, key); }

bool ObjectReader::has(const char* key) const { return object_ != nullptr && object_->find(key) != object_->end(); }

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

const std::string* read_string(const Json& j, const std::string& pointer, Diagnostics& diag) {
  if (!j.is_string()) {
    add_wrong_type(diag, pointer, "string", j);
    return nullptr;
  }
  return &j.get_ref<const std::string&>();
}

std::optional<Date> read_date(const Json& j, const std::string& pointer, Diagnostics& diag) {
  if (!j.is_string()) {
    add_wrong_type(diag, pointer, "date string YYYY-MM-DD", j);
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

const std::string* ObjectReader::string(const char* key, bool required) {
  const Json* v = get(key, required);
  if (v == nullptr) return nullptr;
  return read_string(*v, child(key), diag_);
}

std::optional<bool> ObjectReader::boolean(const char* key, bool required) {
  const Json* v = get(key, required);
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) {
    add_wrong_type(diag_, child(key), "boolean", *v);
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<long long> ObjectReader::integer(const char* key, bool required, long long min, long long max) {
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
    add_wrong_type(diag_, child(key), "integer", *v);
    return std::nullopt;
  }
  if (value < min || value > max) {
    diag_.add("out_of_range", child(key), "integer from " + std::to_string(min) + " to " + std::to_string(max));
    return std::nullopt;
  }
  return value;
}

std::optional<Date> ObjectReader::date(const char* key, bool required) {
  const Json* v = get(key, required);
  if (v == nullptr) return std::nullopt;
  return read_date(*v, child(key), diag_);
}

ObjectReader ObjectReader::object(const char* key, bool required) {
  const Json* v = get(key, required);
  return ObjectReader(v, child(key), diag_);
}

std::vector<ObjectReader::Element> ObjectReader::array(std::string_view key, bool required) {
  std::vector<Element> out;
  const Json* v = get(key, required);
  if (v == nullptr) return out;
  if (!v->is_array()) {
    add_wrong_type(diag_, child(key), "array", *v);
    return out;
  }
  out.reserve(v->size());
  for (std::size_t i = 0; i < v->size(); ++i) {
    out.push_back(Element{&(*v)[i], pointer_append(child(key), i)});
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
