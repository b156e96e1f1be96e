// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

class QMimeData;

namespace hb::board {

/// A drag payload of database ids (never pointers or row numbers: rows move under a drag when colleagues save).
QMimeData *idsToMimeData(const QString &mimeType, const QList<qint64> &ids);
/// The ids of such a payload; empty when it has none or is not one.
QList<qint64> idsFromMimeData(const QMimeData *data, const QString &mimeType);

} // namespace hb::board
