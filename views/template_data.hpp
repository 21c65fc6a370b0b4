// Data: what a mustache template is rendered with. A value is a text, a
// flag (true/false), a list of values, or an object: named values, in the
// order they were set. An object is the default, and `Object` is its name
// where code builds one:
//
//   Data row = Object{{"name", project.name}, {"overdue", true}};
//   row["total"] = money(cents);
//   Data& rows = new_list(page, "rows", n);   // then add_row(rows)["…"] = …
//
// Made for a page of rows built and read once: an object keeps its members
// in a vector and finds them by comparing names (a row has a dozen), every
// move is noexcept (a growing list moves its rows, never copies them), and
// the names up to 15 characters live inside their string.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace construction::views {

class Data;
using List = std::vector<Data>;

class Data {
 public:
  enum class Type : unsigned char { object, text, flag, list };
  struct Member;

  Data() = default;
  explicit Data(Type type) : type_(type) {}
  Data(std::string text) : type_(Type::text), text_(std::move(text)) {}
  Data(const char* text) : Data(std::string(text)) {}
  Data(std::string_view text) : Data(std::string(text)) {}
  Data(bool flag) : type_(Type::flag), flag_(flag) {}
  Data(List list) : type_(Type::list), list_(std::move(list)) {}
  // An object from its members: Object{{"name", value}, …}.
  Data(std::initializer_list<Member> members);

  Data(const Data&) = default;
  Data(Data&&) noexcept = default;
  Data& operator=(const Data&) = default;
  Data& operator=(Data&&) noexcept = default;

  Type type() const { return type_; }
  bool is_text() const { return type_ == Type::text; }
  bool is_list() const { return type_ == Type::list; }
  bool is_object() const { return type_ == Type::object; }
  // What hides a section ({{#x}}) and shows an inverted one ({{^x}}): false
  // and an empty list. (A text shows a section, even an empty text.)
  bool is_falsy() const {
    return (type_ == Type::flag && !flag_) || (type_ == Type::list && list_.empty());
  }

  const std::string& text() const { return text_; }
  const List& list() const { return list_; }
  List& list() { return list_; }

  // Object: the member named `name`, added (as an empty object) when absent.
  Data& operator[](std::string_view name);
  // Object: sets `name` to `value`, replacing a member of that name.
  void set(std::string_view name, Data value) { (*this)[name] = std::move(value); }
  // Object: adds `name` only when the object has no member of that name.
  void emplace(std::string_view name, Data value);
  // Object: the member named `name`; nullptr when absent or not an object.
  const Data* find(std::string_view name) const;
  // Object: every member, in the order set.
  const std::vector<Member>& members() const { return members_; }
  bool flag() const { return flag_; }

  // List: appends `value`.
  void push_back(Data value) { list_.push_back(std::move(value)); }

 private:
  Type type_ = Type::object;
  bool flag_ = false;
  std::string text_;
  List list_;
  std::vector<Member> members_;
};

struct Data::Member {
  std::string name;
  Data value;
};

using Object = Data;

inline Data::Data(std::initializer_list<Member> members) : members_(members) {}

// Sets `name` only when `text` is not empty: a section ({{#name}}…{{/name}})
// shows for an empty text too.
inline void set_text(Data& data, std::string_view name, std::string text) {
  if (!text.empty()) data.set(name, std::move(text));
}

// `new_list(data, "rows", n)` puts an empty list with room for n rows at
// data["rows"], and `add_row(list)` appends an empty object to it and gives
// it back, to be filled with row["key"] = value.
Data& new_list(Data& data, std::string_view name, std::size_t rows);
Data& add_row(Data& list);

}  // namespace construction::views
