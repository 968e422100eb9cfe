// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/code_tree_panel.h"

#include "app/wx_string.h"

#include <wx/dcmemory.h>
#include <wx/imaglist.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/textctrl.h>
#include <wx/treectrl.h>

namespace attune::app
{

namespace
{

/// Tree item data: the index of the code in the panel's item list.
class ItemIndex : public wxTreeItemData
{
public:
    explicit ItemIndex(std::size_t i) : index(i) {}
    std::size_t index;
};

wxBitmap swatch(std::uint32_t rgb, bool group)
{
    wxBitmap bmp(16, 16);
    wxMemoryDC dc(bmp);
    dc.SetBackground(*wxWHITE_BRUSH);
    dc.Clear();
    if (!group)
    {
        dc.SetPen(wxPen(wxColour(0x40, 0x40, 0x40)));
        dc.SetBrush(wxBrush(wxColour(static_cast<unsigned char>(rgb >> 16),
                                     static_cast<unsigned char>(rgb >> 8),
                                     static_cast<unsigned char>(rgb))));
        dc.DrawRectangle(1, 1, 14, 14);
    }
    dc.SelectObject(wxNullBitmap);
    return bmp;
}

} // namespace

std::string code_tree_label(const CodeItem& c)
{
    std::string s = c.name;
    if (!c.shortcut.empty())
        s += "   [" + c.shortcut + "]";
    return s;
}

std::string code_detail_text(const CodeItem& c)
{
    std::string s = c.name;
    if (!c.id.empty())
        s += "  (" + c.scheme_id + ":" + c.id + ")";
    if (!c.shortcut.empty())
        s += "\nShortcut: " + c.shortcut;
    if (!c.target.empty())
        s += "\nTarget: " + c.target;
    if (!c.definition.empty())
        s += "\n\n" + c.definition;
    return s;
}

CodeTreePanel::CodeTreePanel(wxWindow* parent) : wxPanel(parent, wxID_ANY)
{
    auto* split = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                       wxSP_LIVE_UPDATE | wxSP_3DSASH);
    m_tree = new wxTreeCtrl(split, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                            wxTR_HAS_BUTTONS | wxTR_HIDE_ROOT | wxTR_SINGLE | wxTR_NO_LINES);
    m_tree->SetName("code_tree");
    m_detail = new wxTextCtrl(split, wxID_ANY, "", wxDefaultPosition, wxDefaultSize,
                              wxTE_MULTILINE | wxTE_READONLY | wxTE_WORDWRAP | wxBORDER_NONE);
    m_detail->SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_BTNFACE));
    split->SetMinimumPaneSize(40);
    split->SetSashGravity(0.75);
    split->SplitHorizontally(m_tree, m_detail, -90);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(split, 1, wxEXPAND);
    SetSizer(sizer);
    m_tree->Bind(wxEVT_TREE_SEL_CHANGED, &CodeTreePanel::on_sel_changed, this);
    m_tree->Bind(wxEVT_TREE_ITEM_ACTIVATED, &CodeTreePanel::on_activated, this);
    m_tree->Bind(wxEVT_LEFT_DOWN, &CodeTreePanel::on_left_down, this);
    // A narrow pane cuts long labels (scheme titles at 1024 px): the tooltip has them whole,
    // and a code's definition with them.
    m_tree->Bind(wxEVT_TREE_ITEM_GETTOOLTIP,
                 [this](wxTreeEvent& e)
                 {
                     if (const CodeItem* c = item_of(e.GetItem().GetID()))
                         e.SetToolTip(to_wx(c->depth < 0 ? c->name : code_detail_text(*c)));
                 });
}

void CodeTreePanel::set_schemes(const std::vector<SchemeView>& views, bool read_only)
{
    m_tree->DeleteAllItems();
    m_items.clear();
    auto* images = new wxImageList(16, 16, false);
    const wxTreeItemId root = m_tree->AddRoot("codes");
    for (const auto& v : views)
    {
        if (v.codes.empty())
            continue;
        CodeItem head;
        head.scheme_id = v.id;
        head.name = v.name;
        head.is_group = true;
        head.depth = -1;
        m_items.push_back(head);
        std::vector<wxTreeItemId> parents{root};
        images->Add(swatch(0, true));
        parents.push_back(m_tree->AppendItem(root, to_wx(v.name), images->GetImageCount() - 1, -1,
                                             new ItemIndex(m_items.size() - 1)));
        for (const auto& c : v.codes)
        {
            m_items.push_back(c);
            // depth 0 hangs under the scheme's node.
            const std::size_t level =
                std::min(static_cast<std::size_t>(c.depth) + 1, parents.size() - 1);
            parents.resize(level + 1);
            images->Add(swatch(c.rgb, c.is_group));
            const wxTreeItemId id = m_tree->AppendItem(parents[level], to_wx(code_tree_label(c)),
                                                       images->GetImageCount() - 1, -1,
                                                       new ItemIndex(m_items.size() - 1));
            if (c.is_group)
                m_tree->SetItemBold(id);
            parents.push_back(id);
        }
    }
    m_tree->AssignImageList(images);
    wxTreeItemIdValue cookie;
    for (auto child = m_tree->GetFirstChild(root, cookie); child.IsOk();
         child = m_tree->GetNextChild(root, cookie))
        m_tree->ExpandAllChildren(child);
    m_detail->SetValue(views.empty() ? "This project has no coding scheme yet: add one with "
                                       "Tools \u2192 Add Scheme\u2026"
                       : read_only   ? "This project is read-only: its codes are shown, nothing "
                                       "can be coded."
                                     : "Select text in the transcript, then click a code or "
                                       "press its shortcut.");
    if (auto first = m_tree->GetFirstVisibleItem(); first.IsOk())
        m_tree->ScrollTo(first);
}

const CodeItem* CodeTreePanel::item_of(const void* tree_item_id) const
{
    wxTreeItemId id(const_cast<void*>(tree_item_id));
    if (!id.IsOk())
        return nullptr;
    auto* data = dynamic_cast<ItemIndex*>(m_tree->GetItemData(id));
    return data && data->index < m_items.size() ? &m_items[data->index] : nullptr;
}

std::optional<wxPoint> CodeTreePanel::code_point(const std::string& code)
{
    std::vector<wxTreeItemId> stack{m_tree->GetRootItem()};
    while (!stack.empty())
    {
        const wxTreeItemId cur = stack.back();
        stack.pop_back();
        const CodeItem* c = cur != m_tree->GetRootItem() ? item_of(cur.GetID()) : nullptr;
        if (c && !c->is_group && c->id == code)
        {
            m_tree->EnsureVisible(cur);
            wxRect r;
            if (!m_tree->GetBoundingRect(cur, r, true))
                return std::nullopt;
            return m_tree->ClientToScreen(
                wxPoint(r.x + std::min(r.width / 2, 40), r.y + r.height / 2));
        }
        wxTreeItemIdValue cookie;
        for (auto ch = m_tree->GetFirstChild(cur, cookie); ch.IsOk();
             ch = m_tree->GetNextChild(cur, cookie))
            stack.push_back(ch);
    }
    return std::nullopt;
}

const CodeItem* CodeTreePanel::selected_code() const
{
    const wxTreeItemId id = m_tree->GetSelection();
    const CodeItem* c = id.IsOk() ? item_of(id.GetID()) : nullptr;
    return c && !c->is_group ? c : nullptr;
}

void CodeTreePanel::focus_tree()
{
    m_tree->SetFocus();
    if (!m_tree->GetSelection().IsOk())
    {
        wxTreeItemIdValue cookie;
        const wxTreeItemId root = m_tree->GetRootItem();
        // A hidden root is never shown; start at its first child then.
        const wxTreeItemId first = (m_tree->GetWindowStyle() & wxTR_HIDE_ROOT) && root.IsOk()
                                       ? m_tree->GetFirstChild(root, cookie)
                                       : root;
        if (first.IsOk())
            m_tree->SelectItem(first);
    }
}

void CodeTreePanel::on_sel_changed(wxTreeEvent& e)
{
    if (const CodeItem* c = item_of(e.GetItem().GetID()))
        m_detail->SetValue(to_wx(code_detail_text(*c)));
}

void CodeTreePanel::on_activated(wxTreeEvent& e)
{
    const CodeItem* c = item_of(e.GetItem().GetID());
    if (c && !c->is_group && m_on_apply)
        m_on_apply(*c);
}

void CodeTreePanel::on_left_down(wxMouseEvent& e)
{
    int flags = 0;
    const wxTreeItemId id = m_tree->HitTest(e.GetPosition(), flags);
    e.Skip();
    if (!id.IsOk() || !(flags & (wxTREE_HITTEST_ONITEMLABEL | wxTREE_HITTEST_ONITEMICON)))
        return;
    const CodeItem* c = item_of(id.GetID());
    if (c && !c->is_group && m_on_apply)
    {
        // Apply after the click has selected the item, so the tree state is settled.
        const CodeItem copy = *c;
        CallAfter([this, copy] { m_on_apply(copy); });
    }
}

void CodeTreePanel::select_code(const std::string& scheme_id, const std::string& code)
{
    for (std::size_t i = 0; i < m_items.size(); ++i)
        if (m_items[i].scheme_id == scheme_id && m_items[i].id == code && !m_items[i].is_group)
        {
            // Walk the tree to find the item carrying index i.
            std::vector<wxTreeItemId> stack{m_tree->GetRootItem()};
            while (!stack.empty())
            {
                const wxTreeItemId cur = stack.back();
                stack.pop_back();
                auto* data = dynamic_cast<ItemIndex*>(m_tree->GetItemData(cur));
                if (data && data->index == i)
                {
                    m_tree->SelectItem(cur);
                    m_tree->EnsureVisible(cur);
                    return;
                }
                wxTreeItemIdValue cookie;
                for (auto ch = m_tree->GetFirstChild(cur, cookie); ch.IsOk();
                     ch = m_tree->GetNextChild(cur, cookie))
                    stack.push_back(ch);
            }
        }
}

} // namespace attune::app
