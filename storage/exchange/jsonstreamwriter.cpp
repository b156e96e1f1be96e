// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonstreamwriter.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hb::storage {

namespace {

/// A scalar as QJsonDocument writes it (its escaping and number format).
QByteArray scalarJson(const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

} // namespace

void JsonStreamWriter::write(const QByteArray &bytes)
{
    if (m_ok && m_out->write(bytes) != bytes.size())
        m_ok = false;
}

void JsonStreamWriter::prefix(const QString &key)
{
    if (m_open.isEmpty())
        return;
    auto &[bracket, members] = m_open.last();
    QByteArray bytes = members++ ? QByteArrayLiteral(",\n") : QByteArrayLiteral("\n");
    bytes += QByteArray(4 * m_open.size(), ' ');
    if (bracket == '}')
        bytes += scalarJson(key) + QByteArrayLiteral(": ");
    write(bytes);
}

void JsonStreamWriter::open(const QString &key, char bracket)
{
    prefix(key);
    write(QByteArray(1, bracket));
    m_open.append({bracket == '{' ? '}' : ']', 0});
}

void JsonStreamWriter::end()
{
    const char bracket = m_open.takeLast().first;
    // Qt writes an empty container as "{\n" + indent + "}" too.
    QByteArray bytes = QByteArray(1, '\n') + QByteArray(4 * m_open.size(), ' ') + bracket;
    if (m_open.isEmpty())
        bytes += '\n';
    write(bytes);
}

void JsonStreamWriter::value(const QJsonValue &value, const QString &key)
{
    prefix(key);
    if (!value.isObject() && !value.isArray()) {
        write(scalarJson(value));
        return;
    }
    QByteArray bytes = value.isObject() ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented)
                                        : QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented);
    bytes.chop(1); // the document's final newline
    // Strings never hold a raw newline (JSON escapes it): every newline starts a line to indent.
    const QByteArray newLine = QByteArray(1, '\n') + QByteArray(4 * m_open.size(), ' ');
    write(bytes.replace('\n', newLine));
}

} // namespace hb::storage
