// SPDX-License-Identifier: GPL-3.0-or-later
#include "idpayload.h"

#include <QDataStream>
#include <QIODevice>
#include <QMimeData>

namespace hb::board {

QMimeData *idsToMimeData(const QString &mimeType, const QList<qint64> &ids)
{
    if (ids.isEmpty())
        return nullptr;
    QByteArray payload;
    QDataStream stream(&payload, QIODevice::WriteOnly);
    stream << ids;
    auto *data = new QMimeData;
    data->setData(mimeType, payload);
    return data;
}

QList<qint64> idsFromMimeData(const QMimeData *data, const QString &mimeType)
{
    if (!data || !data->hasFormat(mimeType))
        return {};
    QList<qint64> ids;
    QDataStream stream(data->data(mimeType));
    stream >> ids;
    return stream.status() == QDataStream::Ok ? ids : QList<qint64>();
}

} // namespace hb::board
