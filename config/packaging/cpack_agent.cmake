# The steward-agent Debian package (CPack, DEB generator), one component: "agent".
# Included from the top-level CMakeLists.txt after the components are added.
#
#   ninja -C build package-agent          # builds steward-agent, then the .deb in build/
#   cpack --config build/CPackConfig.cmake -G DEB     # the same, once steward-agent is built
#
# Gives build/steward-agent_<version>_<arch>.deb (e.g. steward-agent_0.1.0_amd64.deb):
#   /usr/bin/steward-agent
#   /usr/lib/steward-agent/steward-agent-tls     OpenSSL, run for each https request
#   /etc/steward/agent.conf                   conffile (config/agent.conf)
#   /lib/systemd/system/steward-agent.service hardened unit
# and maintainer scripts from config/packaging/agent/ (postinst, prerm, postrm).
# Collector and server packages will be components next to this one; include(CPack)
# runs once, after every component's variables, so it then moves to a common file.

set(_steward_agent_pkg ${CMAKE_CURRENT_LIST_DIR}/agent)

# /etc and /lib/systemd are absolute (they do not follow the /usr prefix); with
# CPACK_SET_DESTDIR they land in the package's staging tree, never on this machine.
# The binary's and the TLS helper's rules (bin -> /usr/bin, lib/steward-agent ->
# /usr/lib/steward-agent) are in agent/CMakeLists.txt.
install(FILES ${PROJECT_SOURCE_DIR}/config/agent.conf
        DESTINATION /etc/steward COMPONENT agent)
install(FILES ${_steward_agent_pkg}/steward-agent.service
        DESTINATION /lib/systemd/system COMPONENT agent)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_VENDOR "Steward")
set(CPACK_PACKAGE_CONTACT "Steward maintainers <steward@localhost>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
# Installed with DESTDIR into the staging tree, prefix /usr (bin -> /usr/bin).
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL agent)
# control.tar: maintainer scripts 0755, conffiles and md5sums 0644, as dpkg expects.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_AGENT_PACKAGE_NAME steward-agent)
set(CPACK_DEBIAN_AGENT_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_AGENT_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Library dependencies come from dpkg-shlibdeps (package dpkg-dev) on the binary.
set(CPACK_DEBIAN_AGENT_PACKAGE_SHLIBDEPS ON)
set(CPACK_COMPONENT_AGENT_DESCRIPTION
    "Steward agent: hardware and software inventory and health for IT asset management
steward-agent reads this machine's hardware (SMBIOS, CPU, memory, disks, network)
and software (dpkg) inventory directly from /proc, /sys and /var/lib/dpkg, and
reports it with a heartbeat to a Steward collector. It runs as a sandboxed
systemd service with a few MiB of memory.")
set(CPACK_DEBIAN_AGENT_PACKAGE_CONTROL_EXTRA
    ${_steward_agent_pkg}/conffiles
    ${_steward_agent_pkg}/postinst
    ${_steward_agent_pkg}/prerm
    ${_steward_agent_pkg}/postrm)

include(CPack)

# cpack packages what is built and builds nothing itself: this target builds the
# binary first.
add_custom_target(package-agent
  COMMAND ${CMAKE_CPACK_COMMAND} --config ${PROJECT_BINARY_DIR}/CPackConfig.cmake -G DEB
  WORKING_DIRECTORY ${PROJECT_BINARY_DIR}
  DEPENDS steward-agent steward-agent-tls
  COMMENT "Packaging steward-agent (.deb)"
  VERBATIM)
