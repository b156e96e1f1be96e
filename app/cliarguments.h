// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

namespace hb::app {

/**
 * A small, strict reader for one command's arguments: options are taken by name (`--name value` or `--name=value`),
 * what is left is positional, and anything else (an unknown option, a missing value, a repeated single option) is
 * an error to report as a usage error. Everything after `--` is positional.
 */
class CliArguments final
{
    Q_DECLARE_TR_FUNCTIONS(hb::app::CliArguments)

public:
    explicit CliArguments(QStringList list);

    /// Takes `--name` if present.
    bool flag(const QString &name);
    /// Takes `--name VALUE`; giving it twice is an error.
    std::optional<QString> value(const QString &name);
    /// Takes every `--name VALUE`, for repeatable options.
    QStringList values(const QString &name);
    /// The positional arguments, or std::nullopt (see error()) if an unknown option or the wrong number is left.
    std::optional<QStringList> positional(int minimum, int maximum);
    QString error() const { return m_error; }

private:
    qsizetype endOfOptions() const;

    QStringList m_list;
    QString m_error;
};

} // namespace hb::app
