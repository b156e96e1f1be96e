// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIODevice>
#include <QTextStream>

namespace hb::app {

/// A write-only device over the CLI's standard output stream, for JSON written piece by piece (whole UTF-8 pieces).
class TextStreamDevice final : public QIODevice
{
public:
    explicit TextStreamDevice(QTextStream &out)
        : m_out(out)
    {
        open(QIODevice::WriteOnly);
    }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override
    {
        m_out << QString::fromUtf8(data, size);
        return m_out.status() == QTextStream::Ok ? size : -1;
    }

private:
    QTextStream &m_out;
};

} // namespace hb::app
