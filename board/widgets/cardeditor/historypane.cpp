// SPDX-License-Identifier: GPL-3.0-or-later
#include "historypane.h"

#include "editorparts.h"

#include <board/model/boardmodel.h>
#include <board/rules/historytext.h>
#include <storage/boardstore.h>

#include <QDateTime>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

namespace hb::board {

HistoryPane::HistoryPane(BoardModel &model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_toggle = new QToolButton(this);
    m_toggle->setObjectName(QStringLiteral("historyToggle"));
    m_toggle->setText(tr("History"));
    m_toggle->setCheckable(true);
    m_toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toggle->setArrowType(Qt::RightArrow);
    m_toggle->setAutoRaise(true);
    QFont bold = m_toggle->font();
    bold.setWeight(QFont::DemiBold);
    m_toggle->setFont(bold);
    layout->addWidget(m_toggle, 0, Qt::AlignLeft);
    m_list = editorparts::entryList(QStringLiteral("historyView"), 40, this);
    m_list->hide();
    layout->addWidget(m_list);
    connect(m_toggle, &QToolButton::toggled, this, [this](bool open) {
        m_toggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
        m_list->setVisible(open);
        load();
    });
}

void HistoryPane::showCard(storage::BoardStore *store, qint64 cardId)
{
    m_store = store;
    m_cardId = cardId;
    load();
}

void HistoryPane::load()
{
    if (!m_list->isVisible() || !m_store || !m_cardId)
        return;
    auto history = m_store->cardHistory(m_cardId);
    if (!history) {
        m_list->setPlainText(history.error().message);
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto nameOf = [this](const QString &login) { return m_model.memberName(login); };
    QString html;
    for (const storage::Event &event : *history)
        html += editorparts::entryHtml(nameOf(event.actor), event.at, now, {},
                                       describeEvent(event, nameOf).toHtmlEscaped());
    m_list->setHtml(html);
}

} // namespace hb::board
