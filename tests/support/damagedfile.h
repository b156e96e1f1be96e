// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Damage made on purpose, where a test wants it: one table's or index's pages, nothing else.
#include "support/testsupport.h"

#include <QFile>
#include <QRandomGenerator>
#include <QString>

namespace hb::tests {

/// Overwrites the root page of table or index @p object in the board at @p path with random bytes (from @p seed)
/// and returns an empty string, or what went wrong. Reads that need that object then fail; other pages stay sound.
inline QString overwriteRootPage(const QString &path, const QString &object, quint32 seed = 20261206)
{
    const RawResult root =
            rawSql(path, {QStringLiteral("SELECT rootpage FROM sqlite_master WHERE name = '%1'").arg(object)});
    if (!root.error.isEmpty() || root.rows.size() != 1)
        return QStringLiteral("no root page for %1: %2").arg(object, root.error);
    const qint64 page = root.rows.constFirst().constFirst().toLongLong();
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite))
        return file.errorString();
    const QByteArray header = file.read(100);
    qint64 pageSize = (quint8(header.at(16)) << 8) | quint8(header.at(17));
    if (pageSize == 1)
        pageSize = 65536;
    if (page < 2)
        return QStringLiteral("%1 lives on the first page").arg(object);
    QByteArray garbage(pageSize, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    for (char &byte : garbage)
        byte = char(generator.bounded(256));
    if (!file.seek((page - 1) * pageSize) || file.write(garbage) != garbage.size())
        return file.errorString();
    return {};
}

} // namespace hb::tests
