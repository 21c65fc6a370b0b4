#include "views/template_data.hpp"

namespace construction::views {

Data& Data::operator[](std::string_view name) {
  for (Member& m : members_)
    if (m.name == name) return m.value;
  if (members_.empty()) members_.reserve(8);  // a row has a handful: grow once or not at all
  return members_.emplace_back(Member{std::string(name), Data()}).value;
}

void Data::emplace(std::string_view name, Data value) {
  if (find(name) == nullptr) members_.push_back(Member{std::string(name), std::move(value)});
}

const Data* Data::find(std::string_view name) const {
  if (type_ != Type::object) return nullptr;
  for (const Member& m : members_)
    if (m.name == name) return &m.value;
  return nullptr;
}

Data& new_list(Data& data, std::string_view name, std::size_t rows) {
  Data& list = data[name];
  list = Data(Data::Type::list);
  list.list().reserve(rows);
  return list;
}

Data& add_row(Data& list) {
  return list.list().emplace_back();
}

}  // namespace construction::views
