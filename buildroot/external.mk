include $(sort $(wildcard $(BR2_EXTERNAL_TEAMFW_PATH)/package/*/*.mk))
