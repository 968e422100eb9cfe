// SPDX-License-Identifier: GPL-3.0-or-later
#include "project_fixture.h"

namespace attune::testing
{

std::string test_scheme_xml(const std::string& version, bool with_lack)
{
    std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<scheme xmlns="urn:attune:scheme:1" version="1" id="test">
  <metadata>
    <title>Test scheme</title>
    <version>)" + version +
                      R"(</version>
    <authors><author>Attune tests</author></authors>
    <licence>CC0-1.0</licence>
    <language>en</language>
    <description>Fixture.</description>
  </metadata>
  <codes>
    <code id="IDEAL" name="Idealizing" colour="#ffd6d6" shortcut="Ctrl+1" target="mother">
      <definition>Praise the memories do not support.</definition>
    </code>
)";
    if (with_lack)
        xml += R"(    <code id="LACK" name="Lack of recall" colour="#fff3b0" shortcut="Ctrl+2">
      <definition>Not remembering used to close a topic.</definition>
    </code>
)";
    xml += R"(  </codes>
  <scales>
    <scale id="loving" name="Loving" min="1" max="9" step="0.5" targets="mother father" not-scorable="true">
      <description>How loving a parent was.</description>
      <evidence code="IDEAL"/>
    </scale>
    <scale id="coherence" name="Coherence" min="1" max="9" step="1">
      <description>Coherence of the transcript.</description>
    </scale>
  </scales>
  <classifications>
    <classification id="aai" name="AAI">
      <slots subcategory="optional" unresolved="optional" alternative="required"/>
      <category id="F" name="Secure" role="organised">
        <subcategory id="F1" name="F1"/><subcategory id="F2" name="F2"/>
        <subcategory id="F3" name="F3"/><subcategory id="F4" name="F4"/>
        <subcategory id="F5" name="F5"/>
      </category>
      <category id="Ds" name="Dismissing" role="organised">
        <subcategory id="Ds1" name="Ds1"/><subcategory id="Ds2" name="Ds2"/>
        <subcategory id="Ds3" name="Ds3"/>
      </category>
      <category id="E" name="Preoccupied" role="organised">
        <subcategory id="E1" name="E1"/><subcategory id="E2" name="E2"/>
        <subcategory id="E3" name="E3"/>
      </category>
      <category id="U" name="Unresolved" role="unresolved"/>
      <category id="CC" name="Cannot classify" role="cannot-classify"/>
      <collapsing id="three-way" name="F/Ds/E">
        <label name="F"/><label name="Ds"/><label name="E"/>
        <map category="F" label="F"/><map category="Ds" label="Ds"/><map category="E" label="E"/>
        <map category="U" defer="true"/><map category="CC" defer="true"/>
      </collapsing>
    </classification>
  </classifications>
</scheme>
)";
    return xml;
}

} // namespace attune::testing
