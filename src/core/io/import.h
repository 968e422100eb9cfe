// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Older include name for the transcript importer, kept for the CLI and the app.
#include "core/io/transcript_import.h"
