# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors

include $(sort $(wildcard $(BR2_EXTERNAL_TEAMFW_PATH)/package/*/*.mk))
