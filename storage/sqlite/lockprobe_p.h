// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/// What lockprobe.cpp (the probe) and lockprobe_watch.cpp (the process's kept proofs) share.
namespace hb::storage::lockprobe {

/// The name a board is known by in this process: its canonical path (the path cleaned when it does not exist).
QString keyOf(const QString &path);
/// Forgets the verdict kept for the board known as @p key, so the next write proves the share again.
void forgetVerdict(const QString &key);

} // namespace hb::storage::lockprobe
