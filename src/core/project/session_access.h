// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// For core modules that change a project in bulk under the session's rules rather than through
// its commands (core/team: packages and merges): the session's store, and telling the session
// (and its views) that such an operation changed the file. Not for the GUI or the CLI, which go
// through Session.

#include "core/project/session.h"
#include "core/store/project_store.h"

#include <string>

namespace attune::project
{

class SessionAccess
{
public:
    static store::ProjectStore& store(Session& session);
    /// The user recorded in the audit log for actions that are not a coder's.
    static const std::string& user(Session& session);
    /// After a bulk operation committed: cached schemes are dropped, undo histories cleared
    /// (their steps may no longer describe the rows) and every subscriber told that all kinds
    /// of data may have changed, under `label`.
    static void changed_in_bulk(Session& session, const std::string& label);
};

} // namespace attune::project
