// SPDX-License-Identifier: GPL-3.0-or-later
#include "clockspane.h"

#include <board/model/boardmodel.h>
#include <board/rules/cardfields.h>
#include <board/sla/desk.h>
#include <board/sync/saved.h>
#include <board/sync/storeworker.h>
#include <board/widgets/common/theme.h>
#include <storage/boardstore.h>

#include <QDateTime>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

namespace hb::board {

namespace {

/// The tickets resolved lately are read again when older than this.
constexpr qint64 s_resolvedMaxAgeMs = 10 * 60'000;

QLabel *clockLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}

QString stateText(sla::ClockState state)
{
    switch (state) {
    case sla::ClockState::Ok:
        return ClocksPane::tr("On track");
    case sla::ClockState::AtRisk:
        return ClocksPane::tr("At risk");
    case sla::ClockState::Breached:
        return ClocksPane::tr("Breached");
    case sla::ClockState::Paused:
        return ClocksPane::tr("Paused");
    case sla::ClockState::Met:
        return ClocksPane::tr("Met");
    case sla::ClockState::Missed:
        break;
    }
    return ClocksPane::tr("Missed");
}

/// Red for a target missed or being missed, amber when at risk, the placeholder grey while paused.
void colour(QLabel *label, sla::ClockState state)
{
    // On the editor's sheet (the palette's base) text takes the Text role.
    QPalette palette = label->parentWidget()->palette();
    QColor colour = palette.color(QPalette::Text);
    if (state == sla::ClockState::Breached || state == sla::ClockState::Missed)
        colour = theme::onBase(theme::Mark::Danger, palette);
    else if (state == sla::ClockState::AtRisk)
        colour = theme::onBase(theme::Mark::Warning, palette);
    else if (state == sla::ClockState::Paused)
        colour = palette.color(QPalette::PlaceholderText);
    palette.setColor(QPalette::Text, colour);
    palette.setColor(QPalette::WindowText, colour);
    label->setPalette(palette);
}

} // namespace

ClocksPane::ClocksPane(BoardModel &model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_tick(new QTimer(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *heading = new QLabel(tr("Service levels"), this);
    QFont bold = heading->font();
    bold.setWeight(QFont::DemiBold);
    heading->setFont(bold);
    layout->addWidget(heading);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setContentsMargins(0, 0, 0, 0);
    form->setHorizontalSpacing(12);
    m_response = clockLabel(QStringLiteral("responseClock"), this);
    m_resolution = clockLabel(QStringLiteral("resolutionClock"), this);
    form->addRow(tr("Response"), m_response);
    form->addRow(tr("Resolution"), m_resolution);
    layout->addLayout(form);
    m_targets = clockLabel(QStringLiteral("slaTargets"), this);
    m_targets->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_targets);
    m_estimate = clockLabel(QStringLiteral("slaEstimate"), this);
    layout->addWidget(m_estimate);
    // The clocks move on by the minute; the levels are read again too (an admin may have changed them).
    m_tick->setInterval(60'000);
    connect(m_tick, &QTimer::timeout, this, [this] {
        readLevels();
        if (QDateTime::currentMSecsSinceEpoch() - m_resolvedReadAt >= s_resolvedMaxAgeMs)
            readResolved();
        refresh();
    });
}

ClocksPane::~ClocksPane() = default;

void ClocksPane::setBoard(storage::BoardStore *store)
{
    m_reader.reset(); // finishes what it was reading for the board before
    m_store = store;
    m_desk.reset(); // the last board's levels are not this one's
    m_deskProblem.clear();
    m_resolved.clear();
    m_resolvedReadAt = 0;
    m_readingResolved = false;
    if (store)
        m_reader = std::make_unique<StoreWorker>(store->path(), store->options());
    readLevels();
    readResolved();
}

void ClocksPane::readResolved()
{
    if (!m_reader || m_readingResolved)
        return;
    m_readingResolved = true;
    m_reader->submit(
            [](storage::BoardStore &store) {
                const qint64 now = store.now();
                auto desk = sla::Desk::read(store);
                if (!desk)
                    return Saved(desk.error());
                auto resolved = (*desk)->resolvedRecently(store, now);
                if (!resolved)
                    return Saved(resolved.error());
                Saved read;
                read.result = QVariant::fromValue(*resolved);
                return read;
            },
            // The reader is this pane's: its answers never outlive it.
            [this](const Saved &read) {
                m_readingResolved = false;
                if (!read.status)
                    return; // unusable levels are said above the estimate; a busy file is read at the next tick
                m_resolved = read.result.value<QList<sla::Resolved>>();
                m_resolvedReadAt = QDateTime::currentMSecsSinceEpoch();
                refresh();
            });
}

void ClocksPane::readLevels()
{
    if (!m_store) {
        m_desk.reset();
        return;
    }
    auto desk = sla::Desk::read(*m_store);
    if (desk) {
        m_desk = std::move(desk).value();
        m_deskProblem.clear();
    } else if (!m_desk || desk.error().kind == storage::ErrorKind::Invalid
               || desk.error().kind == storage::ErrorKind::Corrupt) {
        // Levels that cannot be used say so; a file busy a moment keeps the levels read before, if any.
        m_desk.reset();
        m_deskProblem = desk.error().message;
    }
}

void ClocksPane::showCard(const storage::Card *card)
{
    m_card = card ? std::optional(*card) : std::nullopt;
    refresh();
}

QString ClocksPane::dueText(qint64 at) const
{
    const QTimeZone desk(m_desk->calendar().timeZone);
    const QString format = QStringLiteral("ddd d MMM HH:mm");
    const QLocale locale;
    const QString there = locale.toString(QDateTime::fromMSecsSinceEpoch(at, desk), format);
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(at);
    if (desk.offsetFromUtc(local) == local.offsetFromUtc())
        return there;
    return tr("%1 (%2 here)").arg(there, locale.toString(local, format));
}

QString ClocksPane::line(const sla::Clock &clock, bool resolution) const
{
    using sla::durationText;
    QStringList parts{stateText(clock.state),
                      tr("%1 of %2").arg(durationText(clock.elapsedMs), durationText(clock.targetMs))};
    if (clock.pausedMs)
        parts << tr("paused %1").arg(durationText(clock.pausedMs));
    if (clock.dueAt && clock.state != sla::ClockState::Met) {
        if (clock.state == sla::ClockState::Breached || clock.state == sla::ClockState::Missed)
            parts << tr("was due %1").arg(dueText(clock.dueAt));
        else
            parts << (resolution ? tr("resolve by %1") : tr("respond by %1")).arg(dueText(clock.dueAt));
    }
    return parts.join(QStringLiteral(" · "));
}

void ClocksPane::refresh()
{
    if (!m_store || !m_card) {
        m_tick->stop();
        hide();
        return;
    }
    show();
    if (!m_tick->isActive())
        m_tick->start();
    const auto clocks = m_model.clocks(m_card->id);
    if (!m_desk || !clocks) {
        // Service levels that cannot be used say why; else the clocks come with the board's next look.
        m_response->setText(m_desk ? tr("Reading…") : m_deskProblem);
        colour(m_response, sla::ClockState::Ok);
        m_resolution->clear();
        m_targets->clear();
        m_estimate->clear();
        return;
    }
    m_response->setText(line(clocks->response, false));
    m_resolution->setText(line(clocks->resolution, true));
    colour(m_response, clocks->response.state);
    colour(m_resolution, clocks->resolution.state);
    // The targets the clocks count against: those of a resolved ticket are the ones in force when it was resolved.
    m_targets->setText(
            tr("%1: respond within %2, resolve within %3 · %4")
                    .arg(priorityText(clocks->priority), sla::durationText(clocks->response.targetMs),
                         sla::durationText(clocks->resolution.targetMs),
                         clocks->allDay
                                 ? tr("every hour (24x7)")
                                 : tr("business hours, %1").arg(QString::fromUtf8(m_desk->calendar().timeZone))));
    // For the person waiting: how long tickets like this one usually take (not for one resolved already).
    if (m_card->resolvedAt || !m_resolvedReadAt) {
        m_estimate->clear();
        m_estimate->hide();
    } else {
        const qint64 firstLabel = m_card->labelIds.value(0);
        const sla::Estimate estimate = sla::estimateOf(clocks->priority, firstLabel, m_resolved, m_store->now());
        QString labelName;
        for (const storage::Label &label : m_model.labels()) {
            if (label.id == estimate.labelId)
                labelName = label.name;
        }
        m_estimate->setText(sla::estimateText(estimate, labelName));
        m_estimate->show();
    }
    setToolTip(
            tr("The targets of the ticket's priority now count from its creation, also after a change of "
               "priority. Waiting on the requester or a vendor pauses the resolution; time in Done does not count."));
}

} // namespace hb::board
