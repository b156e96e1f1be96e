// SPDX-License-Identifier: GPL-3.0-or-later
#include "rank.h"

#include <optional>

namespace hb::storage::rank {

namespace {

constexpr QStringView s_digits = u"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr int s_base = 62;

int digitValue(QChar c)
{
    return int(s_digits.indexOf(c));
}

QChar digit(int value)
{
    return s_digits.at(value);
}

int integerLength(QChar head)
{
    const char16_t h = head.unicode();
    if (h >= u'a' && h <= u'z')
        return h - u'a' + 2;
    if (h >= u'A' && h <= u'Z')
        return u'Z' - h + 2;
    return -1;
}

QString smallestInteger()
{
    return QStringLiteral("A") + QString(26, QLatin1Char('0'));
}

std::optional<QString> integerPart(const QString &key)
{
    if (key.isEmpty())
        return std::nullopt;
    const int length = integerLength(key.at(0));
    if (length < 0 || length > key.size())
        return std::nullopt;
    return key.left(length);
}

// A fraction strictly between a and b (b empty = 1), neither ending in '0'.
QString midpoint(const QString &a, const QString &b)
{
    if (!b.isEmpty()) {
        int n = 0;
        while (n < b.size() && (n < a.size() ? a.at(n) : QLatin1Char('0')) == b.at(n))
            ++n;
        if (n > 0)
            return b.left(n) + midpoint(a.mid(n), b.mid(n));
    }
    const int digitA = a.isEmpty() ? 0 : digitValue(a.at(0));
    const int digitB = b.isEmpty() ? s_base : digitValue(b.at(0));
    if (digitB - digitA > 1)
        return QString(digit((digitA + digitB + 1) / 2));
    if (b.size() > 1)
        return b.left(1);
    return QString(digit(digitA)) + midpoint(a.mid(1), QString());
}

std::optional<QString> increment(const QString &integer)
{
    QChar head = integer.at(0);
    QString digits = integer.mid(1);
    bool carry = true;
    for (qsizetype i = digits.size() - 1; carry && i >= 0; --i) {
        const int d = digitValue(digits.at(i)) + 1;
        if (d == s_base) {
            digits[i] = QLatin1Char('0');
        } else {
            digits[i] = digit(d);
            carry = false;
        }
    }
    if (!carry)
        return QString(head) + digits;
    if (head == u'Z')
        return QStringLiteral("a0");
    if (head == u'z')
        return std::nullopt;
    const QChar next(head.unicode() + 1);
    if (next > u'a')
        digits += QLatin1Char('0');
    else
        digits.chop(1);
    return QString(next) + digits;
}

std::optional<QString> decrement(const QString &integer)
{
    QChar head = integer.at(0);
    QString digits = integer.mid(1);
    bool borrow = true;
    for (qsizetype i = digits.size() - 1; borrow && i >= 0; --i) {
        const int d = digitValue(digits.at(i)) - 1;
        if (d == -1) {
            digits[i] = digit(s_base - 1);
        } else {
            digits[i] = digit(d);
            borrow = false;
        }
    }
    if (!borrow)
        return QString(head) + digits;
    if (head == u'a')
        return QString(QLatin1Char('Z')) + digit(s_base - 1);
    if (head == u'A')
        return std::nullopt;
    const QChar previous(head.unicode() - 1);
    if (previous < u'Z')
        digits += digit(s_base - 1);
    else
        digits.chop(1);
    return QString(previous) + digits;
}

} // namespace

QString initial()
{
    return QStringLiteral("a0");
}

bool isValid(const QString &key)
{
    if (key == smallestInteger())
        return false;
    const auto integer = integerPart(key);
    if (!integer)
        return false;
    for (qsizetype i = 1; i < key.size(); ++i) {
        if (digitValue(key.at(i)) < 0)
            return false;
    }
    const QString fraction = key.mid(integer->size());
    return !fraction.endsWith(QLatin1Char('0'));
}

QString between(const QString &before, const QString &after)
{
    if ((!before.isEmpty() && !isValid(before)) || (!after.isEmpty() && !isValid(after)))
        return {};
    if (!before.isEmpty() && !after.isEmpty() && before >= after)
        return {};

    if (before.isEmpty()) {
        if (after.isEmpty())
            return initial();
        const QString integer = *integerPart(after);
        const QString fraction = after.mid(integer.size());
        if (integer == smallestInteger())
            return integer + midpoint(QString(), fraction);
        if (integer < after)
            return integer;
        return decrement(integer).value_or(QString());
    }

    const QString integerA = *integerPart(before);
    const QString fractionA = before.mid(integerA.size());
    if (after.isEmpty()) {
        const auto next = increment(integerA);
        return next ? *next : integerA + midpoint(fractionA, QString());
    }

    const QString integerB = *integerPart(after);
    const QString fractionB = after.mid(integerB.size());
    if (integerA == integerB)
        return integerA + midpoint(fractionA, fractionB);
    const auto next = increment(integerA);
    if (next && *next < after)
        return *next;
    return integerA + midpoint(fractionA, QString());
}

} // namespace hb::storage::rank
