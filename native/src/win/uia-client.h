// UI Automation's client interfaces (IUIAutomation and what a batched read needs), from the Windows SDK's
// UIAutomationClient.h where it has them. Debian 12's mingw-w64 (10.0) ships a UIAutomationClient.h with the
// property and control-type ids only, so for that header this file declares the few interfaces itself.
// Invariant: every declared interface lists ALL its methods up to the last one called here, in the SDK's vtable
// order (the order in UIAutomationClient.idl); methods this code never calls keep their slot under a name that
// says so (unused_<Method>), with no arguments, because only the slot's position matters to a caller. Nothing
// here implements these interfaces, so the trailing methods after the last slot we call are left out.
#pragma once
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#include <ole2.h>
#include <oleauto.h>
// Not <uiautomation.h>: through it mingw-w64 10 pulls in uiautomationcoreapi.h, which C++ cannot parse (a
// parameter named `new`). Lower case names: the Windows SDK's headers are found the same way (case-insensitive).
#include <uiautomationcore.h>
#include <uiautomationclient.h>

namespace win::uia {

// Own copies of the ids (values from UIAutomationClient.idl): no link-time dependence on uuid.lib or on which
// header version defines IID_IUIAutomation.
inline constexpr CLSID kClsidCUIAutomation8 = {0xe22ad333, 0xb25f, 0x460c, {0x83, 0xd0, 0x05, 0x81, 0x10, 0x73, 0x95, 0xc9}};
inline constexpr CLSID kClsidCUIAutomation = {0xff48dba4, 0x60ef, 0x4201, {0xaa, 0x87, 0x54, 0x10, 0x3e, 0xef, 0x59, 0x4e}};
inline constexpr IID kIidIUIAutomation = {0x30cbe57d, 0xd9d0, 0x452a, {0xab, 0x13, 0x7a, 0xc5, 0xac, 0x48, 0x25, 0xee}};
inline constexpr IID kIidIUIAutomation2 = {0x34723aff, 0x0c9d, 0x49d0, {0x98, 0x96, 0x7a, 0xb5, 0x2d, 0xf8, 0xcd, 0x8a}};

}  // namespace win::uia

#ifndef __IUIAutomation_INTERFACE_DEFINED__
#define MAGMA_UIA_OWN_DECLARATIONS 1

enum TreeScope {
  TreeScope_Element = 0x1,
  TreeScope_Children = 0x2,
  TreeScope_Descendants = 0x4,
  TreeScope_Parent = 0x8,
  TreeScope_Ancestors = 0x10,
  TreeScope_Subtree = TreeScope_Element | TreeScope_Children | TreeScope_Descendants,
};
enum AutomationElementMode { AutomationElementMode_None = 0, AutomationElementMode_Full = 1 };

struct IUIAutomationElement;
struct IUIAutomationElementArray;

struct IUIAutomationCondition : public IUnknown {};

struct IUIAutomationCacheRequest : public IUnknown {
  virtual HRESULT STDMETHODCALLTYPE AddProperty(PROPERTYID propertyId) = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_AddPattern() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_Clone() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_get_TreeScope() = 0;
  virtual HRESULT STDMETHODCALLTYPE put_TreeScope(TreeScope scope) = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_get_TreeFilter() = 0;
  virtual HRESULT STDMETHODCALLTYPE put_TreeFilter(IUIAutomationCondition* filter) = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_get_AutomationElementMode() = 0;
  virtual HRESULT STDMETHODCALLTYPE put_AutomationElementMode(AutomationElementMode mode) = 0;
};

// Slots 1..10 of IUIAutomationElement (of about 80): the cached reads come before every Current/Cached getter.
struct IUIAutomationElement : public IUnknown {
  virtual HRESULT STDMETHODCALLTYPE unused_SetFocus() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_GetRuntimeId() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_FindFirst() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_FindAll() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_FindFirstBuildCache() = 0;
  virtual HRESULT STDMETHODCALLTYPE FindAllBuildCache(TreeScope scope, IUIAutomationCondition* condition,
                                                      IUIAutomationCacheRequest* cacheRequest, IUIAutomationElementArray** found) = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_BuildUpdatedCache() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_GetCurrentPropertyValue() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_GetCurrentPropertyValueEx() = 0;
  virtual HRESULT STDMETHODCALLTYPE GetCachedPropertyValue(PROPERTYID propertyId, VARIANT* retVal) = 0;
};

struct IUIAutomationElementArray : public IUnknown {
  virtual HRESULT STDMETHODCALLTYPE get_Length(int* length) = 0;
  virtual HRESULT STDMETHODCALLTYPE GetElement(int index, IUIAutomationElement** element) = 0;
};

// All 55 methods of IUIAutomation, so that IUIAutomation2's (the time-outs) land in the right slots.
struct IUIAutomation : public IUnknown {
  virtual HRESULT STDMETHODCALLTYPE unused_CompareElements() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_CompareRuntimeIds() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_GetRootElement() = 0;
  virtual HRESULT STDMETHODCALLTYPE ElementFromHandle(void* hwnd, IUIAutomationElement** element) = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_ElementFromPoint() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_GetFocusedElement() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_GetRootElementBuildCache() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_ElementFromHandleBuildCache() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_ElementFromPointBuildCache() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_GetFocusedElementBuildCache() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_CreateTreeWalker() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_get_ControlViewWalker() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_get_ContentViewWalker() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_get_RawViewWalker() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_get_RawViewCondition() = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ControlViewCondition(IUIAutomationCondition** condition) = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_get_ContentViewCondition() = 0;
  virtual HRESULT STDMETHODCALLTYPE CreateCacheRequest(IUIAutomationCacheRequest** cacheRequest) = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_CreateTrueCondition() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_CreateFalseCondition() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_CreatePropertyCondition() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_CreatePropertyConditionEx() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_CreateAndCondition() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_CreateAndConditionFromArray() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_CreateAndConditionFromNativeArray() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_CreateOrCondition() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_CreateOrConditionFromArray() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_CreateOrConditionFromNativeArray() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_CreateNotCondition() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_AddAutomationEventHandler() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_RemoveAutomationEventHandler() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_AddPropertyChangedEventHandlerNativeArray() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_AddPropertyChangedEventHandler() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_RemovePropertyChangedEventHandler() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_AddStructureChangedEventHandler() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_RemoveStructureChangedEventHandler() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_AddFocusChangedEventHandler() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_RemoveFocusChangedEventHandler() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_RemoveAllEventHandlers() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_IntNativeArrayToSafeArray() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_IntSafeArrayToNativeArray() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_RectToVariant() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_VariantToRect() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_SafeArrayToRectNativeArray() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_CreateProxyFactoryEntry() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_get_ProxyFactoryMapping() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_GetPropertyProgrammaticName() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_GetPatternProgrammaticName() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_PollForPotentialSupportedPatterns() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_PollForPotentialSupportedProperties() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_CheckNotSupported() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_get_ReservedNotSupportedValue() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_get_ReservedMixedAttributeValue() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_ElementFromIAccessible() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_ElementFromIAccessibleBuildCache() = 0;
};

struct IUIAutomation2 : public IUIAutomation {
  virtual HRESULT STDMETHODCALLTYPE unused_get_AutoSetFocus() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_put_AutoSetFocus() = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_get_ConnectionTimeout() = 0;
  virtual HRESULT STDMETHODCALLTYPE put_ConnectionTimeout(DWORD timeout) = 0;
  virtual HRESULT STDMETHODCALLTYPE unused_get_TransactionTimeout() = 0;
  virtual HRESULT STDMETHODCALLTYPE put_TransactionTimeout(DWORD timeout) = 0;
};

#endif  // __IUIAutomation_INTERFACE_DEFINED__
