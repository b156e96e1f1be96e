// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QKeySequence>
#include <QList>

namespace hb::board {

/// Redo's keys everywhere: the platform's own, then Ctrl+Shift+Z and Ctrl+Y, each once. A key listed twice on one
/// action is an "ambiguous shortcut" to Qt, which then triggers nothing (X11's Redo already is Ctrl+Shift+Z).
inline QList<QKeySequence> redoShortcuts()
{
    QList<QKeySequence> keys = QKeySequence::keyBindings(QKeySequence::Redo);
    for (const QKeySequence &key : {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)})
        if (!keys.contains(key))
            keys.append(key);
    return keys;
}

} // namespace hb::board
