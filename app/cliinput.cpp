// SPDX-License-Identifier: GPL-3.0-or-later
#include "cliinput.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QIODevice>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QTimeZone>

namespace hb::app::cliinput {

using namespace hb::storage;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hb::app::Cli", text);
}

constexpr char16_t s_escapeBase = 0xdc00;   ///< a byte B that is not UTF-8 becomes U+DC00 + B (B is 0x80 to 0xff)
constexpr int s_maxOffsetMinutes = 14 * 60; ///< the widest UTC offset in use (Kiribati, +14:00)

/// The length of the well-formed UTF-8 sequence at @p at (Unicode 15, table 3-7), or 0 when it is ill-formed.
qsizetype sequenceLength(QByteArrayView bytes, qsizetype at)
{
    const auto byte = [&](qsizetype i) { return i < bytes.size() ? uchar(bytes[i]) : 0; };
    const uchar b0 = byte(at);
    const auto within = [](uchar b, uchar low, uchar high) { return b >= low && b <= high; };
    if (b0 < 0x80)
        return 1;
    if (within(b0, 0xc2, 0xdf))
        return within(byte(at + 1), 0x80, 0xbf) ? 2 : 0;
    if (b0 >= 0xe0 && b0 <= 0xef) {
        const uchar low = b0 == 0xe0 ? 0xa0 : 0x80;
        const uchar high = b0 == 0xed ? 0x9f : 0xbf;
        return within(byte(at + 1), low, high) && within(byte(at + 2), 0x80, 0xbf) ? 3 : 0;
    }
    if (b0 >= 0xf0 && b0 <= 0xf4) {
        const uchar low = b0 == 0xf0 ? 0x90 : 0x80;
        const uchar high = b0 == 0xf4 ? 0x8f : 0xbf;
        return within(byte(at + 1), low, high) && within(byte(at + 2), 0x80, 0xbf) && within(byte(at + 3), 0x80, 0xbf)
                       ? 4
                       : 0;
    }
    return 0;
}

/// Well-formed UTF-8 as it is: QString::fromUtf8() would drop a leading byte order mark.
QString fromUtf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    return decoder.decode(bytes);
}

bool isEscapedByte(const QString &text, qsizetype i)
{
    const char16_t c = text.at(i).unicode();
    return c >= s_escapeBase + 0x80 && c <= s_escapeBase + 0xff && (i == 0 || !text.at(i - 1).isHighSurrogate());
}

Error invalidDue(const QString &text, const QString &why)
{
    return Error{ErrorKind::Invalid, tr("--due “%1”: %2 (give 2026-12-01, 2026-12-01T17:00 or 2026-12-01 17:00, "
                                        "optionally with Z or an offset such as +01:00)")
                                             .arg(displayArgument(text), why)};
}

} // namespace

Result<QDate> parseDay(const QString &option, const QString &text)
{
    static const QRegularExpression pattern(
            QRegularExpression::anchoredPattern(QStringLiteral("([0-9]{4})-([0-9]{2})-([0-9]{2})")));
    const QRegularExpressionMatch match = pattern.match(text);
    const QDate day = match.hasMatch() ? QDate(match.capturedView(1).toInt(), match.capturedView(2).toInt(),
                                               match.capturedView(3).toInt())
                                       : QDate();
    if (!day.isValid() || day.year() < 1970) {
        return Error{
                ErrorKind::Invalid,
                tr("%1 takes a day as YYYY-MM-DD (such as 2026-11-30), not “%2”").arg(option, displayArgument(text))};
    }
    return day;
}

Result<qint64> parseDue(const QString &text)
{
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(
            QStringLiteral("([0-9]{4})-([0-9]{2})-([0-9]{2})"
                           "(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\\.([0-9]{1,3}))?)?"
                           "(Z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?")));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return invalidDue(text, tr("not a date or date-time"));
    const auto number = [&](int group) { return match.capturedView(group).toInt(); };
    const QDate date(number(1), number(2), number(3));
    if (!date.isValid())
        return invalidDue(text, tr("there is no such day"));
    if (!match.hasCaptured(4)) {
        // A day alone means its end (README): due on the 1st means done by the evening of the 1st.
        const qint64 endOfDay = QDateTime(date, QTime(23, 59)).toMSecsSinceEpoch();
        if (endOfDay <= 0)
            return invalidDue(text, tr("due dates start after 1970-01-01"));
        return endOfDay;
    }
    int msecs = 0;
    if (match.hasCaptured(7)) {
        const QStringView fraction = match.capturedView(7);
        msecs = fraction.toInt() * (fraction.size() == 1 ? 100 : fraction.size() == 2 ? 10 : 1);
    }
    const QTime time(number(4), number(5), match.hasCaptured(6) ? number(6) : 0, msecs);
    if (!time.isValid())
        return invalidDue(text, tr("there is no such time of day"));
    QDateTime when;
    if (!match.hasCaptured(8)) {
        when = QDateTime(date, time);
    } else if (match.capturedView(8) == u"Z") {
        when = QDateTime(date, time, Qt::UTC);
    } else {
        const QStringView offset = match.capturedView(8);
        const int hours = offset.mid(1, 2).toInt();
        const QStringView rest = offset.mid(3);
        const int minutes = rest.isEmpty() ? 0 : rest.right(2).toInt();
        if (minutes > 59 || hours * 60 + minutes > s_maxOffsetMinutes)
            return invalidDue(text, tr("no time zone has that offset"));
        const int seconds = (hours * 60 + minutes) * 60 * (offset.startsWith(u'-') ? -1 : 1);
        when = QDateTime(date, time, Qt::OffsetFromUTC, seconds);
    }
    if (!when.isValid())
        return invalidDue(text, tr("that time does not exist here"));
    const qint64 at = when.toMSecsSinceEpoch();
    if (at <= 0)
        return invalidDue(text, tr("due dates start after 1970-01-01"));
    return at;
}

bool isValidUtf8(const QByteArrayView bytes)
{
    for (qsizetype at = 0; at < bytes.size();) {
        const qsizetype length = sequenceLength(bytes, at);
        if (!length)
            return false;
        at += length;
    }
    return true;
}

QString decodeArgument(const QByteArrayView bytes)
{
    if (isValidUtf8(bytes))
        return fromUtf8(bytes);
    QString text;
    text.reserve(bytes.size());
    for (qsizetype at = 0; at < bytes.size();) {
        const qsizetype length = sequenceLength(bytes, at);
        if (length) {
            text += fromUtf8(bytes.sliced(at, length));
            at += length;
        } else {
            text += QChar(char16_t(s_escapeBase + uchar(bytes[at])));
            ++at;
        }
    }
    return text;
}

QByteArray argumentBytes(const QString &argument)
{
    if (!hasInvalidBytes(argument))
        return argument.toUtf8();
    QByteArray bytes;
    qsizetype start = 0;
    for (qsizetype i = 0; i < argument.size(); ++i) {
        if (isEscapedByte(argument, i)) {
            bytes += QStringView(argument).sliced(start, i - start).toUtf8();
            bytes += char(argument.at(i).unicode() - s_escapeBase);
            start = i + 1;
        }
    }
    bytes += QStringView(argument).sliced(start).toUtf8();
    return bytes;
}

bool hasInvalidBytes(const QString &argument)
{
    for (qsizetype i = 0; i < argument.size(); ++i) {
        if (isEscapedByte(argument, i))
            return true;
    }
    return false;
}

QString displayArgument(const QString &argument)
{
    if (!hasInvalidBytes(argument))
        return argument;
    QString shown;
    for (qsizetype i = 0; i < argument.size(); ++i) {
        if (isEscapedByte(argument, i))
            shown += QStringLiteral("\\x%1").arg(int(argument.at(i).unicode() - s_escapeBase), 2, 16);
        else
            shown += argument.at(i);
    }
    return shown;
}

QStringList decodeArguments(int argc, const char *const *argv)
{
    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments << decodeArgument(QByteArrayView(argv[i]));
    return arguments;
}

Result<QString> decodeStandardInput(const QByteArray &bytes)
{
    if (bytes.startsWith("\xff\xfe") || bytes.startsWith("\xfe\xff"))
        return Error{ErrorKind::Invalid, tr("standard input is not UTF-8 (it starts like UTF-16); convert it, for "
                                            "example with iconv -f UTF-16 -t UTF-8")};
    const QByteArrayView text = bytes.startsWith("\xef\xbb\xbf") ? QByteArrayView(bytes).sliced(3) : bytes;
    if (!isValidUtf8(text))
        return Error{ErrorKind::Invalid, tr("standard input is not UTF-8 text")};
    if (text.contains('\0'))
        return Error{ErrorKind::Invalid, tr("standard input contains a NUL byte, which text cannot hold")};
    return fromUtf8(text);
}

std::optional<Error> textProblem(const QString &what, const QString &text)
{
    if (hasInvalidBytes(text))
        return Error{ErrorKind::Invalid, tr("%1 is not UTF-8 text (“%2”)").arg(what, displayArgument(text))};
    if (text.contains(QChar(0)))
        return Error{ErrorKind::Invalid, tr("%1 contains a NUL character, which text cannot hold").arg(what)};
    return std::nullopt;
}

QByteArray readAtMost(QIODevice &in, qint64 maximum)
{
    QByteArray bytes;
    while (bytes.size() <= maximum) {
        // A read blocks until the pipe or file has something; nothing at all is its end (or an error).
        const QByteArray chunk = in.read(maximum + 1 - bytes.size());
        if (chunk.isEmpty())
            break;
        bytes += chunk;
    }
    return bytes;
}

} // namespace hb::app::cliinput
