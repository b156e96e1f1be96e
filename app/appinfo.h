// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace hb::app {

/// Sets the application name and version shared by the GUI and the CLI (they find the same default board).
void setApplicationInfo();

/// `$HELPBOARD_BOARD`, or board.helpboard in QStandardPaths::AppDataLocation.
QString defaultBoardPath();

} // namespace hb::app
