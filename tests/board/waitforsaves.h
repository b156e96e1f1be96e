// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <board/actions/boardactions.h>

#include <QTest>

namespace hb::tests {

/// Runs the event loop until every queued save has landed and shows on the board; false on time-out.
inline bool waitForSaves(const board::BoardActions &actions, int timeoutMs = 15000)
{
    return QTest::qWaitFor([&actions] { return !actions.isSaving(); }, timeoutMs);
}

} // namespace hb::tests
