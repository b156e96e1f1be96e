// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>

class QIODevice;

namespace hb::storage {

/**
 * Writes one JSON document piece by piece, byte for byte as QJsonDocument::toJson(Indented) would write it whole
 * (4-space indents, "key": value, a newline after the root): a big export never sits whole in memory. Members are
 * written in the order given; QJsonObject sorts its keys, so callers give them sorted to match it. Each value may
 * itself be a (small) object or array, serialised by QJsonDocument and indented to its place.
 */
class JsonStreamWriter final
{
public:
    explicit JsonStreamWriter(QIODevice *out)
        : m_out(out)
    { }

    void beginObject(const QString &key = {}) { open(key, '{'); }
    void beginArray(const QString &key = {}) { open(key, '['); }
    /// Ends the innermost object or array.
    void end();
    /// A value in the current array, or with @p key in the current object.
    void value(const QJsonValue &value, const QString &key = {});
    /// False once a write to the device failed.
    bool isOk() const { return m_ok; }

private:
    void open(const QString &key, char bracket);
    void prefix(const QString &key);
    void write(const QByteArray &bytes);

    QIODevice *m_out;
    QList<std::pair<char, int>> m_open; ///< closing bracket and members so far, per open container
    bool m_ok = true;
};

} // namespace hb::storage
