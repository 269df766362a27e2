#include "services/accounts/user_view.hpp"

#include "domain/phone.hpp"

namespace mvis::services {

UserView ViewOf(const store::UserRow& u, int64_t now) {
  return UserView{u.id,
                  u.username,
                  u.display_name,
                  u.role,
                  u.org_id,
                  u.org_name,
                  domain::MaskPhone(u.phone),
                  u.duties,
                  u.status,
                  u.locked_until > now,
                  u.created_at};
}

}  // namespace mvis::services
