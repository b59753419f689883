################################################################################
#
# teamfw
#
################################################################################

# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors

TEAMFW_VERSION = 0.1.0
# Prebuilt: the output of "make RID=<rid>" in the teamfw tree (there is
# no .NET SDK in Buildroot), copied with the "local" method.
TEAMFW_SITE = $(call qstrip,$(BR2_PACKAGE_TEAMFW_BINARY_DIR))
TEAMFW_SITE_METHOD = local
TEAMFW_LICENSE = MIT

# The .NET runtime identifier of the target: architecture and C library
# (check-bin-arch checks the architecture of what is installed, not the C
# library, so the RID must name both).
ifeq ($(BR2_aarch64),y)
TEAMFW_ARCH = arm64
else ifeq ($(BR2_x86_64),y)
TEAMFW_ARCH = x64
else ifeq ($(BR2_arm),y)
TEAMFW_ARCH = arm
endif

ifeq ($(BR2_TOOLCHAIN_USES_MUSL),y)
TEAMFW_RID = linux-musl-$(TEAMFW_ARCH)
else ifeq ($(BR2_TOOLCHAIN_USES_GLIBC),y)
TEAMFW_RID = linux-$(TEAMFW_ARCH)
endif

# Built and tested: linux-x64 and linux-arm64 (glibc). The other RIDs need
# Native AOT packs that NuGet does not serve yet; "make RID=<rid>" in the
# teamfw tree names what is missing.
TEAMFW_TESTED_RIDS = linux-x64 linux-arm64

ifeq ($(BR2_PACKAGE_TEAMFW),y)
ifeq ($(TEAMFW_ARCH),)
$(error teamfw: no .NET Native AOT target for BR2_ARCH=$(BR2_ARCH) (x86_64, aarch64 and ARMv7-A hard float only))
endif
ifeq ($(TEAMFW_RID),)
$(error teamfw: the toolchain's C library is neither glibc nor musl (uClibc has no .NET runtime))
endif
endif

define TEAMFW_BUILD_CMDS
	@test -f $(@D)/$(TEAMFW_RID)/teamfw || { \
		echo "teamfw: $(TEAMFW_SITE) has no $(TEAMFW_RID)/teamfw;" \
			"run 'make RID=$(TEAMFW_RID)' in the teamfw tree" >&2; \
		case " $(TEAMFW_TESTED_RIDS) " in *" $(TEAMFW_RID) "*) ;; *) \
			echo "teamfw: $(TEAMFW_RID) is not built or tested by the" \
				"teamfw project (only $(TEAMFW_TESTED_RIDS)): its Native" \
				"AOT packs are not served; that make says which" >&2 ;; \
		esac; \
		exit 1; }
endef

define TEAMFW_INSTALL_TARGET_CMDS
	$(INSTALL) -D -m 0755 $(@D)/$(TEAMFW_RID)/teamfw \
		$(TARGET_DIR)/usr/sbin/teamfw
	ln -sf teamfw $(TARGET_DIR)/usr/sbin/teamd
	ln -sf teamfw $(TARGET_DIR)/usr/sbin/teamdctl
	ln -sf teamfw $(TARGET_DIR)/usr/sbin/teamnl
	$(INSTALL) -D -m 0644 $(TEAMFW_PKGDIR)/team0.conf \
		$(TARGET_DIR)/etc/teamfw/team0.conf
endef

define TEAMFW_INSTALL_INIT_SYSV
	$(INSTALL) -D -m 0755 $(TEAMFW_PKGDIR)/S39teamfw \
		$(TARGET_DIR)/etc/init.d/S39teamfw
endef

# AF_PACKET sockets bind the ports; the team is a veth pair (default) or a TAP device.
define TEAMFW_LINUX_CONFIG_FIXUPS
	$(call KCONFIG_ENABLE_OPT,CONFIG_NET)
	$(call KCONFIG_ENABLE_OPT,CONFIG_PACKET)
	$(call KCONFIG_ENABLE_OPT,CONFIG_NETDEVICES)
	$(call KCONFIG_ENABLE_OPT,CONFIG_NET_CORE)
	$(call KCONFIG_ENABLE_OPT,CONFIG_VETH)
	$(call KCONFIG_ENABLE_OPT,CONFIG_TUN)
endef

$(eval $(generic-package))
