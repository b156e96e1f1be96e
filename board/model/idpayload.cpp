// SPDX-License-Identifier: GPL-3.0-or-later
#include "idpayload.h"

#include <QMimeData>
#include <QtEndian>

namespace hb::board {

namespace {

constexpr char s_magic[] = {'H', 'B', 'D', '1'};
constexpr qsizetype s_uuidSize = 16;
constexpr qsizetype s_headerSize = qsizetype(sizeof s_magic) + s_uuidSize + qsizetype(sizeof(quint32));
constexpr qsizetype s_itemSize = 2 * qsizetype(sizeof(qint64));

void append64(QByteArray &bytes, qint64 value)
{
    char raw[sizeof value];
    qToBigEndian(value, raw);
    bytes.append(raw, sizeof raw);
}

qint64 read64(const char *at)
{
    return qFromBigEndian<qint64>(at);
}

} // namespace

QByteArray encodePayload(const IdPayload &payload)
{
    QByteArray bytes;
    bytes.reserve(s_headerSize + payload.items.size() * s_itemSize);
    bytes.append(s_magic, sizeof s_magic);
    bytes.append(payload.board.toRfc4122());
    char count[sizeof(quint32)];
    qToBigEndian(quint32(payload.items.size()), count);
    bytes.append(count, sizeof count);
    for (const PayloadItem &item : payload.items) {
        append64(bytes, item.id);
        append64(bytes, item.createdAt);
    }
    return bytes;
}

std::optional<IdPayload> decodePayload(const QByteArray &bytes)
{
    if (bytes.size() < s_headerSize || !bytes.startsWith(QByteArrayView(s_magic, sizeof s_magic)))
        return std::nullopt;
    const char *at = bytes.constData() + sizeof s_magic;
    IdPayload payload;
    payload.board = QUuid::fromRfc4122(QByteArrayView(at, s_uuidSize));
    at += s_uuidSize;
    const quint32 count = qFromBigEndian<quint32>(at);
    at += sizeof count;
    // The count is checked against the bytes there are before anything is reserved for it.
    if (count == 0 || count > quint32(s_maxPayloadItems)
        || bytes.size() - s_headerSize != qsizetype(count) * s_itemSize)
        return std::nullopt;
    payload.items.reserve(count);
    for (quint32 i = 0; i < count; ++i, at += s_itemSize) {
        const PayloadItem item{read64(at), read64(at + sizeof(qint64))};
        if (item.id <= 0)
            return std::nullopt;
        payload.items << item;
    }
    return payload;
}

QMimeData *payloadToMimeData(const QString &mimeType, const IdPayload &payload)
{
    if (payload.items.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    data->setData(mimeType, encodePayload(payload));
    return data;
}

std::optional<IdPayload> payloadFromMimeData(const QMimeData *data, const QString &mimeType)
{
    if (!data || !data->hasFormat(mimeType))
        return std::nullopt;
    return decodePayload(data->data(mimeType));
}

} // namespace hb::board
