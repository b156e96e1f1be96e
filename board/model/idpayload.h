// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

class QMimeData;

namespace hb::board {

/// One dragged row: its database id, and when it was made (a copy of the board can hold another row of that id).
struct PayloadItem
{
    qint64 id = 0;
    qint64 createdAt = 0;

    bool operator==(const PayloadItem &other) const = default;
};

/**
 * A drag payload: the board the rows come from (BoardStore::boardUuid()) and the rows, by id, never pointers or row
 * numbers (rows move under a drag when colleagues save). A drop checks both before it moves anything: a payload from
 * another board's window would otherwise name an unrelated row of this one.
 */
struct IdPayload
{
    QUuid board;
    QList<PayloadItem> items;

    bool operator==(const IdPayload &other) const = default;
};

/// More rows than any drag makes; a payload that says it has more is refused unread.
constexpr qsizetype s_maxPayloadItems = 100'000;

/// "HBD1", the board's UUID (16 bytes), the count (32 bits), then each row's id and time (64 bits each), big-endian.
QByteArray encodePayload(const IdPayload &payload);
/// Reads such bytes strictly (every length checked before it is used, nothing after the last row); nullopt when
/// they are anything else, from whatever program they come.
std::optional<IdPayload> decodePayload(const QByteArray &bytes);

/// The payload as @p mimeType; null when it has no rows.
QMimeData *payloadToMimeData(const QString &mimeType, const IdPayload &payload);
/// The payload of @p data as @p mimeType; nullopt when it has none or it is not one.
std::optional<IdPayload> payloadFromMimeData(const QMimeData *data, const QString &mimeType);

} // namespace hb::board
