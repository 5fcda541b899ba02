// The OpenAPI 3 document, generated from the route table so it cannot drift from it.
#pragma once

#include "http/json_io.hpp"
#include "http/router.hpp"

namespace ipa::http {

Json BuildOpenApi(const Router& router);

}  // namespace ipa::http
