// The evidence log's options from the run-time configuration, shared by serve and fsck.
#pragma once

#include "app/config.hpp"
#include "service/evidence_log.hpp"

namespace ipa::cli {

// key_dir = <data_dir>/evidence-keys; remote witnesses parsed from
// IPA_EVIDENCE_REMOTE_WITNESSES (kInvalidArgument naming a bad key); the checkpoint interval.
core::Result<service::EvidenceLogOptions> EvidenceLogOptionsFrom(const app::Config& config);

}  // namespace ipa::cli
