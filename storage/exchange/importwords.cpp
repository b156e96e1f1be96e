// SPDX-License-Identifier: GPL-3.0-or-later
#include "importwords.h"

#include <QRegularExpression>

#include <initializer_list>

namespace hb::storage::importwords {
namespace {

/// True when folded @p text is one of @p phrases or holds one as whole words.
bool says(const QString &text, std::initializer_list<const char *> phrases)
{
    const QString padded = QLatin1Char(' ') + text + QLatin1Char(' ');
    for (const char *phrase : phrases) {
        if (padded.contains(QLatin1Char(' ') + QLatin1String(phrase) + QLatin1Char(' ')))
            return true;
    }
    return false;
}

} // namespace

QString folded(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_D).toLower();
    QString result;
    result.reserve(decomposed.size());
    bool space = true;
    for (const QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue;
        if (c.isLetterOrNumber()) {
            result += c;
            space = false;
        } else if (!space) {
            result += QLatin1Char(' ');
            space = true;
        }
    }
    return result.trimmed();
}

std::optional<ColumnKind> columnKind(const QString &name)
{
    const QString text = folded(name);
    if (text.isEmpty())
        return std::nullopt;
    if (says(text,
             {"done",     "closed",    "resolved",  "complete",  "completed",  "finished",   "solved",     "cancelled",
              "canceled", "hecho",     "terminado", "cerrado",   "resuelto",   "completado", "finalizado", "cancelado",
              "feito",    "concluido", "fechado",   "resolvido", "finalizada", "encerrado",  "solucionado"}))
        return ColumnKind::Done;
    if (says(text, {"doing",     "in progress", "progress",  "working",    "assigned",     "active",
                    "review",    "testing",     "on hold",   "pending",    "waiting",      "blocked",
                    "en curso",  "en progreso", "haciendo",  "asignado",   "en revision",  "pendiente",
                    "en espera", "esperando",   "bloqueado", "fazendo",    "em andamento", "em progresso",
                    "atribuido", "em revisao",  "pendente",  "aguardando", "em espera"}))
        return ColumnKind::Doing;
    if (says(text, {"to do", "todo", "backlog", "new", "open", "inbox", "queue", "queued", "triage", "incoming",
                    "por hacer", "pendientes", "nuevo", "abierto", "entrada", "a fazer", "novo", "aberto", "fila"}))
        return ColumnKind::Todo;
    return std::nullopt;
}

std::optional<StatusTag> statusTag(const QString &name)
{
    const QString text = folded(name);
    if (says(text, {"vendor", "supplier", "third party", "proveedor", "fornecedor", "terceiro", "tercero"}))
        return StatusTag::WaitingVendor;
    if (says(text, {"awaiting customer", "waiting customer", "pending customer", "waiting for customer", "on hold",
                    "awaiting user", "waiting user", "waiting for user", "pending user", "awaiting caller",
                    "esperando cliente", "esperando usuario", "en espera", "aguardando cliente", "aguardando usuario",
                    "em espera", "waiting"}))
        return StatusTag::WaitingRequester;
    if (says(text, {"blocked", "bloqueado", "impeded"}))
        return StatusTag::Blocked;
    if (says(text, {"review", "revision", "revisao", "testing", "pruebas", "teste"}))
        return StatusTag::NeedsReview;
    return std::nullopt;
}

std::optional<Priority> priority(const QString &value)
{
    const QString text = folded(value);
    if (text.isEmpty())
        return std::nullopt;
    // "Not urgent", "non-critical", "no urgente": a word said to be absent means no hurry.
    if (says(text, {"not urgent", "non urgent", "not critical", "non critical", "no urgente", "nao urgente",
                    "no critico", "nao critico"}))
        return Priority::Low;
    // Words first: "1 - High" is high, "2 - Medium" normal, whatever the number says.
    if (says(text, {"critical", "urgent", "emergency", "highest", "blocker", "critica", "critico", "urgente",
                    "emergencia", "muy alta", "muito alta"}))
        return Priority::Critical;
    if (says(text, {"high", "major", "alta", "alto", "elevada"}))
        return Priority::High;
    if (says(text, {"low", "lowest", "minor", "planning", "trivial", "baja", "bajo", "baixa", "baixo", "planificacion",
                    "planejamento"}))
        return Priority::Low;
    if (says(text, {"normal", "medium", "moderate", "media", "medio", "moderada", "moderado"}))
        return Priority::Normal;
    // Only a number, or P and a number: 1 the most urgent.
    static const QRegularExpression s_number(QStringLiteral("^p?\\s*([1-5])$"));
    if (const auto match = s_number.match(text); match.hasMatch()) {
        switch (match.capturedView(1).toInt()) {
        case 1:
            return Priority::Critical;
        case 2:
            return Priority::High;
        case 3:
            return Priority::Normal;
        default:
            return Priority::Low;
        }
    }
    return std::nullopt;
}

std::optional<Channel> channel(const QString &value)
{
    const QString text = folded(value);
    if (text.isEmpty())
        return std::nullopt;
    if (says(text, {"email", "e mail", "mail", "correo", "correio", "correo electronico"}))
        return Channel::Email;
    if (says(text, {"phone", "telephone", "call", "voice", "telefono", "llamada", "telefone", "ligacao"}))
        return Channel::Phone;
    if (says(text, {"chat", "teams", "slack", "whatsapp", "im", "instant message", "mensaje", "mensagem"}))
        return Channel::Chat;
    if (says(text, {"walk in", "walkin", "walk up", "in person", "presencial", "en persona", "pessoalmente", "balcao"}))
        return Channel::WalkIn;
    if (says(text,
             {"portal", "self service", "selfservice", "web", "form", "autoservicio", "autoatendimento", "formulario"}))
        return Channel::Portal;
    if (says(text, {"monitoring", "monitor", "alert", "alarm", "event", "automatic", "system", "monitorizacion",
                    "monitoreo", "alerta", "monitoramento", "evento"}))
        return Channel::Monitoring;
    return std::nullopt;
}

QString loginFor(const QString &name)
{
    QString text = name.trimmed();
    if (const qsizetype at = text.indexOf(QLatin1Char('@')); at > 0)
        text = text.left(at);
    // "Lopez, Ana" is Ana Lopez.
    if (const QStringList parts = text.split(QLatin1Char(',')); parts.size() == 2)
        text = parts.at(1).trimmed() + QLatin1Char(' ') + parts.at(0).trimmed();
    const QString decomposed = text.normalized(QString::NormalizationForm_D).toLower();
    QString login;
    for (const QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue;
        if (c.isLetterOrNumber() || c == u'_' || c == u'-' || c == u'.')
            login += c;
        else if (c.isSpace() && !login.endsWith(QLatin1Char('.')))
            login += QLatin1Char('.');
    }
    while (login.endsWith(QLatin1Char('.')))
        login.chop(1);
    return login.left(64);
}

QString counted(qint64 n, const QString &one, const QString &many)
{
    return (n == 1 ? one : many).arg(n);
}

} // namespace hb::storage::importwords
