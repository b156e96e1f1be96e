// SPDX-License-Identifier: GPL-3.0-or-later
#include "cliarguments.h"

namespace hb::app {

CliArguments::CliArguments(QStringList list)
    : m_list(std::move(list))
{ }

bool CliArguments::flag(const QString &name)
{
    const qsizetype at = m_list.indexOf(name);
    if (at < 0 || at >= endOfOptions())
        return false;
    m_list.removeAt(at);
    return true;
}

std::optional<QString> CliArguments::value(const QString &name)
{
    const QStringList all = values(name);
    if (all.size() > 1)
        m_error = tr("%1 was given more than once").arg(name);
    return all.isEmpty() ? std::nullopt : std::optional<QString>(all.constLast());
}

QStringList CliArguments::values(const QString &name)
{
    QStringList found;
    for (qsizetype i = 0; i < endOfOptions();) {
        const QString &item = m_list.at(i);
        if (item == name) {
            if (i + 1 >= m_list.size()) {
                m_error = tr("%1 needs a value").arg(name);
                m_list.removeAt(i);
                continue;
            }
            found << m_list.at(i + 1);
            m_list.remove(i, 2);
        } else if (item.startsWith(name + QLatin1Char('='))) {
            found << item.mid(name.size() + 1);
            m_list.removeAt(i);
        } else {
            ++i;
        }
    }
    return found;
}

std::optional<QStringList> CliArguments::positional(int minimum, int maximum)
{
    QStringList result;
    bool literal = false;
    for (const QString &item : std::as_const(m_list)) {
        if (!literal && item == u"--") {
            literal = true;
        } else if (!literal && item.startsWith(QLatin1Char('-')) && item.size() > 1) {
            m_error = tr("unknown option %1").arg(item);
        } else {
            result << item;
        }
    }
    if (m_error.isEmpty() && result.size() < minimum)
        m_error = tr("missing argument");
    if (m_error.isEmpty() && result.size() > maximum)
        m_error = tr("unexpected argument “%1”").arg(result.at(maximum));
    if (!m_error.isEmpty())
        return std::nullopt;
    return result;
}

qsizetype CliArguments::endOfOptions() const
{
    const qsizetype end = m_list.indexOf(QStringLiteral("--"));
    return end < 0 ? m_list.size() : end;
}

} // namespace hb::app
