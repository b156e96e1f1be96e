// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/result.h>

namespace hb::board {

/// When a read on the window's thread that found the board file busy (a colleague saving) is tried again. The
/// window's connection waits only a moment for the file (MainWindow::s_readBusyTimeoutMs), so it never freezes.
inline constexpr int s_busyRetryMs = 1000;

/// The read failed only because a colleague was saving: worth trying again in a moment.
template<typename Read>
bool foundBusy(const Read &read)
{
    return !read && read.error().kind == storage::ErrorKind::Busy;
}

} // namespace hb::board
